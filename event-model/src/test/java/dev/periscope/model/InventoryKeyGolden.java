package dev.periscope.model;

final class InventoryKeyGolden {
    static final String ACME_USERS_ID = "b625c32759c3511b687491914875ab66";

    private InventoryKeyGolden() {
    }
}
