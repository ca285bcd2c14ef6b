package com.autograph.auth.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.WindowCounters;
import com.autograph.auth.SecureTokens;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.redis.RedisKeyspace;

/**
 * TOTP second factor: enrolment (secret + otpauth URI, confirmed by a first code), the
 * login challenge, ten single-use backup codes, and disabling with password and code.
 */
@Service
public class MultiFactor {

    /** What enabling returns: the backup codes, shown this once. */
    public record Enabled(List<String> backupCodes) {
    }

    /** A login waiting for its second factor. */
    public record PendingLogin(UUID userId, boolean rememberMe, String ip, String userAgent) {
    }

    private static final int BACKUP_CODES = 10;

    private static final char[] BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private static final SecureRandom random = new SecureRandom();

    // Backup codes carry ~49 bits of entropy; a moderate bcrypt cost keeps checking ten
    // of them quick.
    private static final PasswordEncoder backupHasher = new BCryptPasswordEncoder(10);

    private final UserRepository users;

    private final BackupCodeRepository backupCodes;

    private final SecretCipher cipher;

    private final PasswordEncoder passwords;

    private final StringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final WindowCounters counters;

    private final AuditLog audit;

    private final AuthProperties.Mfa settings;

    private final Clock clock;

    MultiFactor(UserRepository users, BackupCodeRepository backupCodes, SecretCipher cipher, PasswordEncoder passwords,
            StringRedisTemplate redis, RedisKeyspace keyspace, WindowCounters counters, AuditLog audit,
            AuthProperties properties, Clock clock) {
        this.users = users;
        this.backupCodes = backupCodes;
        this.cipher = cipher;
        this.passwords = passwords;
        this.redis = redis;
        this.keyspace = keyspace;
        this.counters = counters;
        this.audit = audit;
        this.settings = properties.mfa();
        this.clock = clock;
    }

    /**
     * Starts (or restarts) enrolment; MFA is not active until {@link #enable} confirms a
     * code.
     */
    @Transactional
    public Map<String, String> setup(UUID userId) {
        User user = user(userId);
        if (user.isMfaEnabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_already_enabled",
                    "MFA is already enabled; disable it first.");
        }
        String secret = Totp.newSecret();
        user.startMfaEnrolment(cipher.encrypt(secret));
        return Map.of("secret", secret, "otpauth_uri", Totp.otpauthUri(settings.issuer(), user.email(), secret));
    }

    @Transactional
    public Enabled enable(UUID userId, String code) {
        User user = user(userId);
        if (user.isMfaEnabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_already_enabled", "MFA is already enabled.");
        }
        if (user.mfaSecret() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_not_set_up", "Start with POST /api/auth/mfa/setup.");
        }
        if (!acceptTotp(user, code)) {
            throw invalidCode();
        }
        user.enableMfa();
        List<String> codes = newBackupCodes(user.id());
        audit.success(AuditAction.MFA_ENABLE, user.id(), Map.of());
        return new Enabled(codes);
    }

    @Transactional(noRollbackFor = ApiException.class)
    public void disable(UUID userId, String password, String code) {
        User user = user(userId);
        if (!user.isMfaEnabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_not_enabled", "MFA is not enabled.");
        }
        if (!passwords.matches(password == null ? "" : password, user.passwordHash())
                || !(acceptTotp(user, code) || acceptBackupCode(user, code))) {
            audit.failure(AuditAction.MFA_DISABLE, user.id(), "wrong_password_or_code", Map.of());
            throw new ApiException(HttpStatus.FORBIDDEN, "mfa_disable_refused",
                    "Disabling MFA needs the account password and a current code (or a backup code).");
        }
        user.disableMfa();
        backupCodes.deleteAllOf(user.id());
        audit.success(AuditAction.MFA_DISABLE, user.id(), Map.of());
    }

    /** After a correct password: remember the pending login for a few minutes. */
    public MfaChallenge challenge(PendingLogin login) {
        String token = SecureTokens.newToken();
        String key = challengeKey(token);
        redis.opsForHash()
            .putAll(key,
                    Map.of("user_id", login.userId().toString(), "remember_me", Boolean.toString(login.rememberMe()),
                            "ip", String.valueOf(login.ip()), "user_agent", String.valueOf(login.userAgent()),
                            "attempts", "0"));
        redis.expire(key, settings.challengeTtl());
        return new MfaChallenge(true, token, settings.challengeTtl().toSeconds());
    }

    /** Completes a challenge with a TOTP or backup code; the challenge is single-use. */
    @Transactional(noRollbackFor = ApiException.class)
    public PendingLogin complete(String challengeToken, String code) {
        String key = challengeKey(challengeToken == null ? "" : challengeToken);
        Map<Object, Object> pending = redis.opsForHash().entries(key);
        if (pending.isEmpty()) {
            throw ApiException.unauthorized("mfa_challenge_invalid",
                    "The MFA step has expired or is unknown. Log in again.");
        }
        UUID userId = UUID.fromString(pending.get("user_id").toString());
        String failures = "mfa-failures:" + userId;
        refuseWhileTooManyFailures(failures);
        User user = user(userId);
        if (acceptTotp(user, code) || acceptBackupCode(user, code)) {
            redis.delete(key);
            counters.reset(failures);
            return new PendingLogin(userId, Boolean.parseBoolean(pending.get("remember_me").toString()),
                    pending.get("ip").toString(), pending.get("user_agent").toString());
        }
        Long attempts = redis.opsForHash().increment(key, "attempts", 1);
        counters.increment(failures, settings.failureWindow());
        audit.failure(AuditAction.LOGIN, userId, "wrong_mfa_code", Map.of());
        if (attempts != null && attempts >= settings.maxChallengeAttempts()) {
            redis.delete(key);
            throw ApiException.unauthorized("mfa_challenge_invalid", "Too many wrong codes. Log in again.");
        }
        throw invalidCode();
    }

    /**
     * Five wrong codes end a challenge, but a new one is one password login away: across
     * all of an account's challenges, {@code maxFailuresPerWindow} wrong codes close the
     * MFA step for the rest of the window, even for a right code (guessing 6 digits stays
     * hopeless).
     */
    private void refuseWhileTooManyFailures(String failures) {
        if (counters.count(failures) >= settings.maxFailuresPerWindow()) {
            long retryAfter = counters.remaining(failures).toSeconds();
            throw ApiException.tooManyRequests("mfa_rate_limited",
                    "Too many wrong codes for this account; retry in " + retryAfter + " s.", retryAfter);
        }
    }

    private boolean acceptTotp(User user, String code) {
        if (user.mfaSecret() == null) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(cipher.decrypt(user.mfaSecret()), code, clock.instant());
        if (step.isEmpty()) {
            return false;
        }
        // A code works once: remember the newest step used and refuse it and older ones.
        String key = keyspace.keyPrefix() + "mfa-last-step:" + user.id();
        String last = redis.opsForValue().get(key);
        if (last != null && step.getAsLong() <= Long.parseLong(last)) {
            return false;
        }
        redis.opsForValue().set(key, Long.toString(step.getAsLong()), Duration.ofMinutes(5));
        return true;
    }

    private boolean acceptBackupCode(User user, String code) {
        if (code == null || !code.matches("[a-z0-9]{5}-[a-z0-9]{5}")) {
            return false;
        }
        Instant now = clock.instant();
        for (BackupCode candidate : backupCodes.findUnused(user.id())) {
            if (backupHasher.matches(code, candidate.codeHash())) {
                candidate.markUsed(now);
                return true;
            }
        }
        return false;
    }

    private List<String> newBackupCodes(UUID userId) {
        backupCodes.deleteAllOf(userId);
        List<String> codes = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < BACKUP_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(BACKUP_ALPHABET[random.nextInt(BACKUP_ALPHABET.length)]);
            }
            codes.add(code.toString());
            backupCodes.save(new BackupCode(userId, backupHasher.encode(code.toString()), now));
        }
        return codes;
    }

    private User user(UUID userId) {
        return users.findById(userId).orElseThrow(() -> ApiException.notFound("Account", userId));
    }

    private String challengeKey(String token) {
        return keyspace.keyPrefix() + "mfa-challenge:" + SecureTokens.sha256(token);
    }

    private static ApiException invalidCode() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_mfa_code",
                "The code is wrong or was already used. Enter the current code from your authenticator app, or a backup code.");
    }

}
