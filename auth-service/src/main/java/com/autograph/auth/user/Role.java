package com.autograph.auth.user;

import java.util.Arrays;

/** What a user may do platform-wide; team roles use the same names. */
public enum Role {

    ADMIN, EDITOR, VIEWER;

    public String value() {
        return name().toLowerCase();
    }

    public static Role of(String value) {
        return Arrays.stream(values())
            .filter(r -> r.value().equals(value))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown role " + value));
    }

}
