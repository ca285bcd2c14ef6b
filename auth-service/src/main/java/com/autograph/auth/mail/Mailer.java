package com.autograph.auth.mail;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.WindowCounters;

/**
 * Sends account mail over SMTP once the transaction that created its token has committed
 * (no mail for a rolled-back registration; no token lost to a mail outage — the user can
 * ask again). Without an SMTP server configured (MAIL_HOST unset, development) the
 * message is logged instead. Anyone may ask for a reset or verification mail to any
 * address, so each address gets at most {@code maxPerRecipient} mails per
 * {@code recipientWindow} (a Redis counter shared by all instances); the rest are dropped
 * quietly, as the endpoints answer 202 whatever happens.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender sender;

    private final AuthProperties.Mail settings;

    private final WindowCounters counters;

    private final Counter suppressed;

    Mailer(ObjectProvider<JavaMailSender> sender, AuthProperties properties, WindowCounters counters,
            MeterRegistry meters) {
        this.sender = sender.getIfAvailable();
        this.settings = properties.mail();
        this.counters = counters;
        this.suppressed = Counter.builder("auth.mail.suppressed")
            .description("Account mails not sent because their address reached its quota")
            .register(meters);
        if (this.sender == null) {
            log.warn("No SMTP server configured (MAIL_HOST): account mails are written to this log instead of sent");
        }
    }

    /** An absolute link into the web app, e.g. {@code link("/verify-email", token)}. */
    public String link(String path, String token) {
        return settings.publicUrl().replaceAll("/+$", "") + path + "?token=" + token;
    }

    private boolean withinQuota(String to) {
        try {
            return counters.increment("mail-quota:" + to.toLowerCase(Locale.ROOT),
                    settings.recipientWindow()) <= settings.maxPerRecipient();
        }
        catch (DataAccessException unavailable) {
            // A mail the user asked for matters more than the cap while Redis is away.
            log.warn("Mail quota not checked, Redis did not answer: {}", unavailable.getMessage());
            return true;
        }
    }

    public void sendAfterCommit(String to, String subject, String body) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send(to, subject, body);
                }
            });
        }
        else {
            send(to, subject, body);
        }
    }

    private void send(String to, String subject, String body) {
        if (!withinQuota(to)) {
            suppressed.increment();
            log.info("Not sending '{}': {} already had {} account mails in {}", subject, to, settings.maxPerRecipient(),
                    settings.recipientWindow());
            return;
        }
        if (sender == null) {
            log.info("Mail to {} — {}\n{}", to, subject, body);
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            sender.send(message);
        }
        catch (MailException ex) {
            log.error("Could not send '{}' to {}: {}", subject, to, ex.getMessage());
        }
    }

}
