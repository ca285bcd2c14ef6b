package com.autograph.diagram.notification;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a notification tells of, as the API and the database spell it, and how it is
 * mailed unless the user chose otherwise.
 */
enum NotificationType {

    /** Someone mentioned you in a comment. */
    MENTION("mention", Delivery.IMMEDIATE),
    /** Someone replied in a thread you wrote in. */
    REPLY("reply", Delivery.IMMEDIATE),
    /** Someone commented on a file you own. */
    COMMENT_ON_FILE("comment_on_file", Delivery.DAILY),
    /** Someone shared a file with you. */
    SHARE("share", Delivery.IMMEDIATE),
    /** Someone invited you to a team (auth-service mails the invitation itself). */
    TEAM_INVITATION("team_invitation", Delivery.OFF);

    enum Delivery {

        IMMEDIATE("immediate"), DAILY("daily"), OFF("off");

        final String value;

        Delivery(String value) {
            this.value = value;
        }

        static Optional<Delivery> of(String value) {
            return Arrays.stream(values()).filter(d -> d.value.equals(value)).findFirst();
        }

    }

    final String value;

    final Delivery defaultDelivery;

    NotificationType(String value, Delivery defaultDelivery) {
        this.value = value;
        this.defaultDelivery = defaultDelivery;
    }

    static Optional<NotificationType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    /**
     * SQL for the delivery a user chose for a notification {@code n}, joined to their
     * preferences {@code p}: their choice, else this type's default.
     */
    static String deliverySql() {
        StringBuilder defaults = new StringBuilder("CASE n.type");
        for (NotificationType type : values()) {
            defaults.append(" WHEN '")
                .append(type.value)
                .append("' THEN '")
                .append(type.defaultDelivery.value)
                .append("'");
        }
        return "coalesce(p.email ->> n.type, " + defaults.append(" END)");
    }

}
