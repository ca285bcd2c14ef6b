package com.autograph.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for one downstream service. By default it answers 200
 * with "{name} {METHOD} {uri}" and records every request it receives; a test can swap the
 * behaviour.
 */
final class StandInService implements AutoCloseable {

    /** What the server received: method, URI, headers (lower-case names), body. */
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    @FunctionalInterface
    interface Behaviour {

        void handle(HttpExchange exchange, StandInService self) throws IOException;

    }

    static final Behaviour ECHO = (exchange, self) -> self.reply(exchange, 200,
            self.name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI());

    final String name;

    private final HttpServer server;

    final List<Received> received = new CopyOnWriteArrayList<>();

    private volatile Behaviour behaviour = ECHO;

    private StandInService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    lowerCase(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            try {
                behaviour.handle(exchange, this);
            }
            finally {
                exchange.close();
            }
        });
        server.start();
    }

    static StandInService start(String name) {
        return new StandInService(name);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    void reset() {
        behaviour = ECHO;
        received.clear();
    }

    Received last() {
        return received.getLast();
    }

    void reply(HttpExchange exchange, int status, String text) throws IOException {
        String correlationId = exchange.getRequestHeaders().getFirst("X-Correlation-ID");
        if (correlationId != null) {
            // Services echo the correlation id, as shared-lib makes them do.
            exchange.getResponseHeaders().set("X-Correlation-ID", correlationId);
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, List<String>> lowerCase(Headers headers) {
        Map<String, List<String>> copy = new java.util.TreeMap<>();
        headers.forEach((key, values) -> copy.put(key.toLowerCase(), List.copyOf(values)));
        return copy;
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
