package com.autograph.auth.mail;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.shared.error.ApiException;

/**
 * The notification mail template: one notification, or a digest listing several, each
 * with its link, and the unsubscribe link at the end. Plain text like the account mails.
 */
@Service
class NotificationMails {

    record Line(String title, String text, String link) {
    }

    private final UserRepository users;

    private final Mailer mailer;

    NotificationMails(UserRepository users, Mailer mailer) {
        this.users = users;
        this.mailer = mailer;
    }

    @Transactional(readOnly = true)
    void send(UUID userId, boolean digest, List<Line> lines, String unsubscribeUrl) {
        User user = users.findById(userId)
            .filter(User::isActive)
            .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_user",
                    "There is no active user " + userId + "."));
        String subject = digest ? "AutoGraph: " + lines.size() + " new notification" + (lines.size() == 1 ? "" : "s")
                : "AutoGraph: " + lines.get(0).title();
        StringBuilder body = new StringBuilder("Hello"
                + (user.fullName() == null || user.fullName().isBlank() ? "" : " " + user.fullName()) + ",\n\n");
        body.append(digest ? "Here is what happened since your last digest:\n\n" : "");
        for (Line line : lines) {
            body.append(digest ? "* " : "").append(line.title()).append('\n');
            if (line.text() != null && !line.text().isBlank()) {
                body.append(line.text().indent(digest ? 2 : 0));
            }
            if (line.link() != null && !line.link().isBlank()) {
                body.append(digest ? "  " : "").append(line.link()).append('\n');
            }
            body.append('\n');
        }
        body.append("To stop these mails: ").append(unsubscribeUrl).append('\n');
        mailer.sendAfterCommit(user.email(), subject, body.toString());
    }

}
