package com.autograph.diagram.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import com.autograph.diagram.user.AuthServiceProperties;
import com.autograph.shared.client.PeerService;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.ServiceIdentity;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Hands notification mail to auth-service ({@code POST /internal/mail/notifications}),
 * which owns the SMTP sender, the mail templates and the per-address mail cap: this
 * service never learns an address. Signed as diagram-service itself
 * ({@link ServiceIdentity}); the endpoint is not routed by the gateway.
 */
@Component
class MailDelivery {

    record Item(String type, String title, String text, String link) {
    }

    /** One mail: a single notification, or a digest of several. */
    record NotificationMail(UUID userId, boolean digest, List<Item> items, String unsubscribeUrl) {
    }

    private static final TrustedIdentity SELF = ServiceIdentity.of("diagram-service");

    private final PeerService authService;

    MailDelivery(RestClient.Builder builder, AuthServiceProperties properties, IdentityProperties identity,
            Clock clock) {
        this.authService = new PeerService("auth-service", builder, properties.urls(), properties.connectTimeout(),
                properties.readTimeout(), new PeerService.Breaker(10, 5, Duration.ofSeconds(30)), identity, clock,
                () -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "mail_unavailable",
                        "auth-service does not take notification mail right now."));
    }

    /**
     * Sends the mail; true when auth-service took it (it may still drop it at the
     * address's cap), false when the user is gone. Throws when auth-service cannot say.
     */
    boolean send(NotificationMail mail) {
        return authService.once(() -> authService.client()
            .post()
            .uri(authService.uri("/internal/mail/notifications"))
            .contentType(MediaType.APPLICATION_JSON)
            .headers(headers -> authService.sign(SELF, headers))
            .body(mail)
            .exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 202) {
                    return true;
                }
                if (status == 404) {
                    return false;
                }
                if (response.getStatusCode().is5xxServerError()) {
                    throw new HttpServerErrorException(response.getStatusCode());
                }
                throw authService.unexpected(status + " to a notification mail");
            }));
    }

}
