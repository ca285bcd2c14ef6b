package com.autograph.auth.mail;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.ServiceIdentity;
import com.autograph.shared.security.TrustedIdentity;

/**
 * For diagram-service, which records notifications but must not hold addresses or an SMTP
 * sender: mails one notification, or a digest, to a user by id, through the
 * {@link Mailer} (and so within its per-address cap) with the template below. Not routed
 * by the gateway ({@code /api/auth/**} only) nor in the API document, and only a service
 * identity signed with {@code IDENTITY_SIGNING_SECRET} may call it (403 for a user's).
 */
@Hidden
@RestController
@RequestMapping("/internal/mail")
class NotificationMailController {

    record Item(@NotNull @Size(max = 300) String type, @NotNull @Size(max = 600) String title,
            @Size(max = 2000) String text, @Size(max = 2000) String link) {
    }

    record NotificationMail(@NotNull UUID userId, boolean digest, @NotEmpty @Size(max = 1000) List<@Valid Item> items,
            @NotNull @Size(max = 2000) String unsubscribeUrl) {
    }

    private final NotificationMails mails;

    NotificationMailController(NotificationMails mails) {
        this.mails = mails;
    }

    /** 202 once handed to the mailer (which may drop it at the cap); 404 for no user. */
    @PostMapping("/notifications")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void send(TrustedIdentity signedBy, @Valid @RequestBody NotificationMail mail) {
        if (ServiceIdentity.serviceName(signedBy).isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied",
                    "Only the platform's services may send notification mail.");
        }
        mails.send(mail.userId(), mail.digest(),
                mail.items().stream().map(i -> new NotificationMails.Line(i.title(), i.text(), i.link())).toList(),
                mail.unsubscribeUrl());
    }

}
