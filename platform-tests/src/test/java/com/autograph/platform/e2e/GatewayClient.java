package com.autograph.platform.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import net.minidev.json.JSONValue;
import org.apache.commons.codec.binary.Base32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client of the platform's gateway for end-to-end tests: plain HTTP requests, the
 * account steps most tests start with, and what a user's tools compute (TOTP codes, the
 * token in a mailed link, a JWT's claims).
 */
final class GatewayClient {

    static final String PASSWORD = "correct horse battery";

    private static final Pattern LINK = Pattern
        .compile("/(verify-email|reset-password|join-team|notifications/unsubscribe)\\?token=([A-Za-z0-9_.-]+)");

    private final HttpClient http = HttpClient.newHttpClient();

    private final RunningPlatform platform;

    GatewayClient(RunningPlatform platform) {
        this.platform = platform;
    }

    HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gateway(path))
            .timeout(Duration.ofSeconds(30))
            .method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        return send("POST", path, json, headers);
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return send("POST", path, json, Map.of());
    }

    /** A request with {@code Authorization: Bearer access}. */
    HttpResponse<String> as(String access, String method, String path, String json) throws Exception {
        return send(method, path, json, bearer(access));
    }

    HttpResponse<String> get(String access, String path) throws Exception {
        return as(access, "GET", path, null);
    }

    static Map<String, String> bearer(String access) {
        return Map.of("Authorization", "Bearer " + access);
    }

    static String uniqueEmail(String tag) {
        return tag + "-" + UUID.randomUUID() + "@example.com";
    }

    /** Registers {@code email} with {@link #PASSWORD}; returns the new user's id. */
    String register(String email) throws Exception {
        HttpResponse<String> response = post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"E2E User\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.id");
    }

    HttpResponse<String> login(String email, String password, String clientIp) throws Exception {
        return post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                Map.of("X-Forwarded-For", clientIp));
    }

    /** A successful login's token pair: [access, refresh]. */
    Tokens loginTokens(String email, String password, String clientIp) throws Exception {
        HttpResponse<String> response = login(email, password, clientIp);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new Tokens(JsonPath.read(response.body(), "$.access_token"),
                JsonPath.read(response.body(), "$.refresh_token"));
    }

    record Tokens(String access, String refresh) {
    }

    static String code(HttpResponse<String> response) {
        return JsonPath.read(response.body(), "$.code");
    }

    /** The claims of a JWT (its payload, not verified: the gateway does that). */
    static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new LinkedHashMap<>(JsonPath.<Map<String, Object>>read(payload, "$"));
    }

    /** The token of the n-th link of this kind mailed to the address. */
    static String awaitLink(GreenMail smtp, String email, String kind, int nth) {
        String[] token = new String[1];
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> found = links(smtp, email, kind);
            assertThat(found).hasSizeGreaterThanOrEqualTo(nth);
            token[0] = found.get(nth - 1);
        });
        return token[0];
    }

    /** Tokens of every link of this kind mailed to the address so far. */
    static List<String> links(GreenMail smtp, String email, String kind) throws Exception {
        List<String> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                Matcher m = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
                if (m.find() && m.group(1).equals(kind)) {
                    found.add(m.group(2));
                }
            }
        }
        return found;
    }

    /** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes it. */
    static String totp(String base32Secret, Instant now) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(now.getEpochSecond() / 30).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    /**
     * A JWT with these claims, HS256-signed with {@code secret}, or unsigned when it is
     * null.
     */
    static String jwt(String header, Map<String, Object> claims, String secret) throws Exception {
        String signingInput = base64Url(header) + "." + base64Url(JSONValue.toJSONString(claims));
        if (secret == null) {
            return signingInput + ".";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "."
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
