package com.autograph.diagram.access;

/** What a caller may do with a file or folder; each level includes the ones below it. */
public enum Permission {

    /** Not even that it exists (answered with 404). */
    NONE, VIEW, EDIT,
    /** Delete permanently and change sharing: the owner and team admins. */
    MANAGE;

    public static Permission ofLevel(int level) {
        return values()[Math.max(0, Math.min(level, MANAGE.ordinal()))];
    }

    public boolean allows(Permission needed) {
        return ordinal() >= needed.ordinal();
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}
