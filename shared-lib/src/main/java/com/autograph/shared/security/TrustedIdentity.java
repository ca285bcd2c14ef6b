package com.autograph.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.function.BiConsumer;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The caller as the gateway verified it, passed to services in headers that the gateway
 * strips from every incoming request and signs (HMAC-SHA256 over the values and a
 * timestamp, with the shared {@code IDENTITY_SIGNING_SECRET}). A service trusts these
 * headers only through {@link #verify}, so a request that bypasses the gateway cannot
 * claim an identity.
 *
 * @param userId the user's id (JWT {@code sub})
 * @param email the user's email, or empty
 * @param roles the user's roles
 * @param sessionId the login session, or empty (API keys have none)
 * @param method how the caller proved it: {@code jwt} or {@code api_key}
 * @param teams the user's teams and their role in each (team id → admin | editor |
 * viewer)
 */
public record TrustedIdentity(String userId, String email, List<String> roles, String sessionId, String method,
        Map<String, String> teams) {

    public static final String USER_ID = "X-User-Id";

    public static final String EMAIL = "X-User-Email";

    public static final String ROLES = "X-User-Roles";

    public static final String SESSION_ID = "X-Session-Id";

    public static final String AUTH_METHOD = "X-Auth-Method";

    public static final String TEAMS = "X-User-Teams";

    public static final String TIMESTAMP = "X-Identity-Timestamp";

    public static final String SIGNATURE = "X-Identity-Signature";

    /**
     * The client's address as the gateway determined it; believed only with its
     * signature.
     */
    public static final String CLIENT_ADDRESS = "X-Real-IP";

    /**
     * HMAC over {@link #CLIENT_ADDRESS} and {@link #TIMESTAMP}, on every request,
     * signed-in or not.
     */
    public static final String CLIENT_ADDRESS_SIGNATURE = "X-Client-Address-Signature";

    /**
     * When the caller's credential (an access token) expires, epoch seconds; absent for
     * credentials without an expiry (API keys). Long-lived connections (the collaboration
     * socket) end then.
     */
    public static final String CREDENTIAL_EXPIRES = "X-Credential-Expires";

    /**
     * HMAC over {@link #CREDENTIAL_EXPIRES}, {@link #USER_ID} and {@link #TIMESTAMP}.
     */
    public static final String CREDENTIAL_EXPIRES_SIGNATURE = "X-Credential-Expires-Signature";

    /** Every header above: the gateway removes all of them from incoming requests. */
    public static final List<String> HEADERS = List.of(USER_ID, EMAIL, ROLES, SESSION_ID, AUTH_METHOD, TEAMS, TIMESTAMP,
            SIGNATURE, CLIENT_ADDRESS, CLIENT_ADDRESS_SIGNATURE, CREDENTIAL_EXPIRES, CREDENTIAL_EXPIRES_SIGNATURE);

    public TrustedIdentity {
        email = email == null ? "" : email;
        roles = roles == null ? List.of() : List.copyOf(roles);
        sessionId = sessionId == null ? "" : sessionId;
        method = method == null ? "" : method;
        // Sorted, so the header and the signed form do not depend on map order.
        teams = teams == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(teams));
    }

    /** An identity without team memberships. */
    public TrustedIdentity(String userId, String email, List<String> roles, String sessionId, String method) {
        this(userId, email, roles, sessionId, method, Map.of());
    }

    /** {@code teamId:role,teamId:role}, sorted by team id. */
    public String teamsHeader() {
        return teams.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The user's role in a team, if a member. */
    public Optional<String> teamRole(String teamId) {
        return Optional.ofNullable(teams.get(teamId));
    }

    /**
     * The signature header value for this identity at {@code timestamp} (epoch seconds).
     */
    public String sign(byte[] secret, long timestamp) {
        Mac mac = mac(secret);
        byte[] digest = mac.doFinal(canonical(timestamp).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    public String rolesHeader() {
        return String.join(",", roles);
    }

    /**
     * Writes this identity's headers, signed at {@code timestamp} (epoch seconds), to
     * {@code header} (name, value): what the gateway sets on every proxied request, and
     * what {@link #verify} reads. The teams header is left out when there are no teams.
     */
    public void writeHeaders(byte[] secret, long timestamp, BiConsumer<String, String> header) {
        header.accept(USER_ID, userId);
        header.accept(EMAIL, email);
        header.accept(ROLES, rolesHeader());
        header.accept(SESSION_ID, sessionId);
        header.accept(AUTH_METHOD, method);
        if (!teams.isEmpty()) {
            header.accept(TEAMS, teamsHeader());
        }
        header.accept(TIMESTAMP, Long.toString(timestamp));
        header.accept(SIGNATURE, sign(secret, timestamp));
    }

    /**
     * The identity in a request's headers, when they are signed with {@code secret} and
     * the timestamp is within {@code maxAge} of {@code now}; empty otherwise (unsigned,
     * forged, altered or replayed later).
     */
    public static Optional<TrustedIdentity> verify(Function<String, String> header, byte[] secret, Instant now,
            Duration maxAge) {
        String userId = header.apply(USER_ID);
        String signature = header.apply(SIGNATURE);
        OptionalLong timestamp = freshTimestamp(header.apply(TIMESTAMP), now, maxAge);
        if (userId == null || userId.isEmpty() || signature == null || timestamp.isEmpty()) {
            return Optional.empty();
        }
        long seconds = timestamp.getAsLong();
        String roles = header.apply(ROLES);
        Map<String, String> teams = parseTeams(header.apply(TEAMS));
        if (teams == null) {
            return Optional.empty();
        }
        TrustedIdentity identity = new TrustedIdentity(userId, header.apply(EMAIL),
                roles == null || roles.isEmpty() ? List.of() : List.of(roles.split(",")), header.apply(SESSION_ID),
                header.apply(AUTH_METHOD), teams);
        byte[] expected = identity.sign(secret, seconds).getBytes(StandardCharsets.US_ASCII);
        // Constant-time comparison: the signature must not leak through timing.
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(identity)
                : Optional.empty();
    }

    /**
     * The signed timestamp (epoch seconds) when it parses and is within {@code maxAge} of
     * {@code now}.
     */
    private static OptionalLong freshTimestamp(String timestamp, Instant now, Duration maxAge) {
        if (timestamp == null) {
            return OptionalLong.empty();
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        }
        catch (NumberFormatException ex) {
            return OptionalLong.empty();
        }
        return Math.abs(now.getEpochSecond() - seconds) > maxAge.toSeconds() ? OptionalLong.empty()
                : OptionalLong.of(seconds);
    }

    /**
     * Writes the client's address (what the gateway determined: the socket peer, or a
     * trusted proxy's X-Forwarded-For) signed at {@code timestamp} (epoch seconds):
     * {@link #CLIENT_ADDRESS}, {@link #TIMESTAMP} and {@link #CLIENT_ADDRESS_SIGNATURE}.
     * For anonymous requests too (login, registration), whose limits count per address.
     * With an identity, write both at the same timestamp: they share its header.
     */
    public static void writeClientAddress(String address, byte[] secret, long timestamp,
            BiConsumer<String, String> header) {
        header.accept(CLIENT_ADDRESS, address);
        header.accept(TIMESTAMP, Long.toString(timestamp));
        header.accept(CLIENT_ADDRESS_SIGNATURE, signClientAddress(address, secret, timestamp));
    }

    /**
     * The client address in a request's headers when the gateway signed it with
     * {@code secret} within {@code maxAge} of {@code now}; empty otherwise. A service
     * that gets empty must use the socket peer's address: anyone who reaches it directly
     * can write {@code X-Real-IP}.
     */
    public static Optional<String> verifyClientAddress(Function<String, String> header, byte[] secret, Instant now,
            Duration maxAge) {
        String address = header.apply(CLIENT_ADDRESS);
        String signature = header.apply(CLIENT_ADDRESS_SIGNATURE);
        OptionalLong timestamp = freshTimestamp(header.apply(TIMESTAMP), now, maxAge);
        if (address == null || address.isEmpty() || signature == null || timestamp.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = signClientAddress(address, secret, timestamp.getAsLong()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(address)
                : Optional.empty();
    }

    /**
     * Its own canonical form ("client-v1"), so no identity signature can pass for an
     * address one.
     */
    private static String signClientAddress(String address, byte[] secret, long timestamp) {
        StringBuilder text = new StringBuilder("client-v1");
        for (String field : List.of(Long.toString(timestamp), address)) {
            text.append('\n').append(field.length()).append(':').append(field);
        }
        byte[] digest = mac(secret).doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * Writes when the credential of {@code userId} expires ({@link #CREDENTIAL_EXPIRES}
     * and its signature), signed at {@code timestamp}: write the identity at the same
     * timestamp, whose header both share.
     */
    public static void writeCredentialExpiry(String userId, Instant expiresAt, byte[] secret, long timestamp,
            BiConsumer<String, String> header) {
        String expires = Long.toString(expiresAt.getEpochSecond());
        header.accept(CREDENTIAL_EXPIRES, expires);
        header.accept(CREDENTIAL_EXPIRES_SIGNATURE, signCredentialExpiry(userId, expires, secret, timestamp));
    }

    /**
     * When the credential of {@code userId} expires, when the gateway signed that with
     * {@code secret} within {@code maxAge} of {@code now}; empty when it sent none (the
     * credential does not expire) or the signature does not hold.
     */
    public static Optional<Instant> verifyCredentialExpiry(Function<String, String> header, String userId,
            byte[] secret, Instant now, Duration maxAge) {
        String expires = header.apply(CREDENTIAL_EXPIRES);
        String signature = header.apply(CREDENTIAL_EXPIRES_SIGNATURE);
        OptionalLong timestamp = freshTimestamp(header.apply(TIMESTAMP), now, maxAge);
        if (expires == null || signature == null || timestamp.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = signCredentialExpiry(userId, expires, secret, timestamp.getAsLong())
            .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(expires)));
        }
        catch (NumberFormatException | java.time.DateTimeException ex) {
            return Optional.empty();
        }
    }

    /** Its own canonical form ("expires-v1"), bound to the user it was written for. */
    private static String signCredentialExpiry(String userId, String expires, byte[] secret, long timestamp) {
        StringBuilder text = new StringBuilder("expires-v1");
        for (String field : List.of(Long.toString(timestamp), userId, expires)) {
            text.append('\n').append(field.length()).append(':').append(field);
        }
        byte[] digest = mac(secret).doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Null when the header is malformed (then the identity is refused). */
    private static Map<String, String> parseTeams(String header) {
        Map<String, String> teams = new TreeMap<>();
        if (header == null || header.isEmpty()) {
            return teams;
        }
        for (String entry : header.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                return null;
            }
            teams.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return teams;
    }

    /** Length-prefixed fields, so that no two identities share a canonical form. */
    private String canonical(long timestamp) {
        StringBuilder text = new StringBuilder("v1");
        for (String field : List.of(Long.toString(timestamp), userId, email, rolesHeader(), sessionId, method,
                teamsHeader())) {
            text.append('\n').append(field.length()).append(':').append(field);
        }
        return text.toString();
    }

    /**
     * A copy of a Mac keyed once with {@code secret}: every request signs or verifies,
     * and a clone skips the provider look-up and the key schedule ({@code getInstance} +
     * {@code init}).
     */
    private static Mac mac(byte[] secret) {
        KeyedMac keyed = lastMac;
        if (keyed == null || !Arrays.equals(keyed.secret, secret)) {
            keyed = new KeyedMac(secret.clone(), newMac(secret));
            lastMac = keyed;
        }
        try {
            return (Mac) keyed.prototype.clone();
        }
        catch (CloneNotSupportedException ex) { // a provider whose Mac cannot be copied
            return newMac(secret);
        }
    }

    /**
     * The Mac of the secret last used: a process signs with one secret (tests may use
     * others).
     */
    private static volatile KeyedMac lastMac;

    private record KeyedMac(byte[] secret, Mac prototype) {
    }

    private static Mac newMac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is unavailable", ex);
        }
    }
}
