package com.autograph.auth.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.autograph.auth.AuthProperties;

/**
 * Sends account mail over SMTP once the transaction that created its token has committed (no mail
 * for a rolled-back registration; no token lost to a mail outage — the user can ask again).
 * Without an SMTP server configured (MAIL_HOST unset, development) the message is logged instead.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender sender;
    private final AuthProperties.Mail settings;

    Mailer(ObjectProvider<JavaMailSender> sender, AuthProperties properties) {
        this.sender = sender.getIfAvailable();
        this.settings = properties.mail();
        if (this.sender == null) {
            log.warn("No SMTP server configured (MAIL_HOST): account mails are written to this log instead of sent");
        }
    }

    /** An absolute link into the web app, e.g. {@code link("/verify-email", token)}. */
    public String link(String path, String token) {
        return settings.publicUrl().replaceAll("/+$", "") + path + "?token=" + token;
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
