package com.autograph.diagram.user;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import com.autograph.shared.client.PeerService;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Who a request names as "the other user": a user id, or the e-mail address of an
 * account, which auth-service (the owner of accounts; this service never reads its
 * tables) resolves through {@code POST /internal/users/lookup}. The caller's identity is
 * passed on, signed afresh as the gateway signs it ({@link PeerService}: timeouts, one
 * retry on the next instance, a circuit breaker). Only auth-service's own failures count:
 * an unknown address is an answer.
 */
@Component
@EnableConfigurationProperties(AuthServiceProperties.class)
public class UserDirectory {

    /** How the API document describes a path segment that {@link #resolve} reads. */
    public static final String USER_PARAMETER = "A user id, or the e-mail address of an AutoGraph account.";
    static final int MAX_EMAIL_LENGTH = 320;

    private static final Pattern USER_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    record FoundUser(UUID id, String email) {
    }

    private final PeerService authService;

    public UserDirectory(RestClient.Builder builder, AuthServiceProperties properties, IdentityProperties identity,
            Clock clock) {
        this.authService = new PeerService("auth-service", builder, properties.urls(), properties.connectTimeout(),
                properties.readTimeout(), new PeerService.Breaker(10, 5, Duration.ofSeconds(30)), identity, clock,
                () -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "lookup_unavailable",
                        "Finding a user by e-mail address is unavailable right now; retry in a few seconds, or share by user id."));
    }

    /**
     * The user {@code user} names: a user id as it is, an e-mail address looked up at
     * auth-service. 400 when it is neither, 404 when no account has the address, 503 when
     * auth-service cannot say.
     */
    public UUID resolve(TrustedIdentity caller, String user) {
        if (USER_ID.matcher(user).matches()) {
            return UUID.fromString(user);
        }
        if (user.indexOf('@') < 1 || user.length() > MAX_EMAIL_LENGTH) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "user must be a user id or an e-mail address of at most " + MAX_EMAIL_LENGTH + " characters.");
        }
        return lookup(caller, user).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_user",
                "No AutoGraph account has the e-mail address " + user + "; sharing with people who have no account"
                        + " is not supported yet: ask them to register first."));
    }

    /**
     * Like {@link #resolve}, for sharing: 422 when the user is the caller, who gains
     * nothing by it.
     */
    public UUID resolveOther(TrustedIdentity caller, String user) {
        UUID userId = resolve(caller, user);
        if (userId.toString().equalsIgnoreCase(caller.userId())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cannot_share_with_yourself",
                    "You cannot share with yourself; name another user.");
        }
        return userId;
    }

    private Optional<UUID> lookup(TrustedIdentity caller, String email) {
        return authService.idempotent(() -> authService.client()
            .post()
            .uri(authService.uri("/internal/users/lookup"))
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .headers(headers -> authService.sign(caller, headers))
            .body(new LookupRequest(email))
            .exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 404) {
                    return Optional.empty();
                }
                if (status == 422) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                            "user must be a user id or a valid e-mail address (name@example.com).");
                }
                if (response.getStatusCode().is5xxServerError()) {
                    throw new HttpServerErrorException(response.getStatusCode());
                }
                FoundUser found = status == 200 ? response.bodyTo(FoundUser.class) : null;
                if (found == null || found.id() == null) {
                    throw authService.unexpected(status + " to a lookup");
                }
                return Optional.of(found.id());
            }));
    }

    record LookupRequest(String email) {
    }

}
