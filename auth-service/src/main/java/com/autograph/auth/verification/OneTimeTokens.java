package com.autograph.auth.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.SecureTokens;
import com.autograph.shared.error.ApiException;

/**
 * Issues and redeems single-use link tokens: e-mail verification (24 h) and password
 * reset (1 h).
 */
@Service
public class OneTimeTokens {

    public enum Purpose {

        VERIFY_EMAIL, RESET_PASSWORD;

        String value() {
            return name().toLowerCase();
        }

    }

    private final OneTimeTokenRepository tokens;

    private final Clock clock;

    OneTimeTokens(OneTimeTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @return the token to put in the link (never stored)
     */
    @Transactional
    public String issue(UUID userId, Purpose purpose, Duration ttl) {
        Instant now = clock.instant();
        tokens.invalidateOpen(userId, purpose.value(), now);
        String token = SecureTokens.newToken();
        tokens.save(new OneTimeToken(userId, purpose, SecureTokens.sha256(token), now, now.plus(ttl)));
        return token;
    }

    /**
     * Marks the token used and returns its user; refuses unknown, used, expired or
     * mis-purposed tokens.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public UUID redeem(String token, Purpose purpose) {
        OneTimeToken found = tokens.findByTokenHash(SecureTokens.sha256(token == null ? "" : token))
            .filter(t -> t.purpose().equals(purpose.value()))
            .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "token_invalid",
                    "This link is not valid. Ask for a new one."));
        if (found.isUsed()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "token_used",
                    "This link has already been used. Ask for a new one.");
        }
        Instant now = clock.instant();
        if (found.expiresAt().isBefore(now)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "token_expired",
                    "This link has expired. Ask for a new one.");
        }
        found.markUsed(now);
        return found.userId();
    }

}
