package com.autograph.diagram.notification;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notification e-mail ({@code autograph.diagrams.notifications.*}).
 *
 * @param mailInterval how often the mail job looks for notifications to send
 * @param digestInterval how much a digest gathers: a user choosing the daily digest gets
 * one mail at most this often
 * @param batchSize notifications (or digests) one run of the job sends at most
 * @param subscribe whether this instance records the events addressed to users on Redis
 * ({@code user:*}: team invitations)
 */
@Validated
@ConfigurationProperties("autograph.diagrams.notifications")
public record NotificationProperties(@NotNull @DurationMin(millis = 100) @DefaultValue("1m") Duration mailInterval,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1d") Duration digestInterval,
        @Min(1) @Max(10_000) @DefaultValue("100") int batchSize, @DefaultValue("true") boolean subscribe) {
}
