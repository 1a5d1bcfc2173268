package dev.periscope.readiness.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a token may do. {@code admin} includes the other two. */
public enum AuthScope {
    READ("readiness:read"),
    DRILLS("drills:run"),
    ADMIN("admin");

    private final String name;

    AuthScope(String name) {
        this.name = name;
    }

    /** The scope as the token file and the docs spell it. */
    public String scopeName() {
        return name;
    }

    public static Optional<AuthScope> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.name.equals(name)).findFirst();
    }
}
