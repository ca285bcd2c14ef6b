package com.autograph.diagram;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import com.autograph.shared.security.ServiceIdentity;
import com.autograph.shared.security.TrustedIdentity;

/**
 * auth-service's internal endpoints as the API tests need them, on a local port and in
 * its wire format: {@code POST /internal/users/lookup} (addresses the tests register) and
 * {@code POST /internal/mail/notifications} (mails kept for the tests to read; only a
 * signed service identity may send, as in auth-service).
 */
final class StandInAuthService {

    private static final HttpServer server;

    static final Map<String, String> accounts = new ConcurrentHashMap<>();

    static final List<String> mails = new CopyOnWriteArrayList<>();

    private static volatile byte[] secret = new byte[0];

    static {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.createContext("/internal/users/lookup", exchange -> {
            String email = JsonPath.read(body(exchange), "$.email");
            String id = accounts.get(email.strip().toLowerCase(java.util.Locale.ROOT));
            if (id == null) {
                answer(exchange, 404, "{\"code\": \"unknown_user\"}");
            }
            else {
                answer(exchange, 200, "{\"id\": \"" + id + "\", \"email\": \"" + email + "\"}");
            }
        });
        server.createContext("/internal/mail/notifications", exchange -> {
            var identity = TrustedIdentity.verify(exchange.getRequestHeaders()::getFirst, secret, Instant.now(),
                    java.time.Duration.ofDays(3650));
            if (identity.flatMap(ServiceIdentity::serviceName).isEmpty()) {
                answer(exchange, 403, "{}");
                return;
            }
            mails.add(body(exchange));
            answer(exchange, 202, "");
        });
        server.start();
    }

    private StandInAuthService() {
    }

    static String url(String signingSecret) {
        secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
