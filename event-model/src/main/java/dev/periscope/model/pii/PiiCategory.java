package dev.periscope.model.pii;

/** The personal-data shapes {@link PiiScanner} recognises, with the category name written on events. */
public enum PiiCategory {
    EMAIL("email"),
    PHONE("phone"),
    SSN("ssn"),
    CREDIT_CARD("credit_card"),
    IBAN("iban");

    private final String wireName;

    PiiCategory(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code pii_categories} / {@code query_pii_categories}, e.g. {@code credit_card}. */
    public String wireName() {
        return wireName;
    }
}
