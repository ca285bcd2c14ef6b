package com.autograph.ai.provider;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for an AI provider: it records every request and
 * answers with the replies it was given, in order (the last one repeats). A stalled reply
 * holds the exchange until the server closes, so a client's timeout is what ends it.
 */
final class WireServer implements AutoCloseable {

    record Received(String method, String path, String query, Map<String, String> headers, String body) {
    }

    @FunctionalInterface
    interface Reply {

        void send(HttpExchange exchange) throws IOException, InterruptedException;

    }

    private final HttpServer server;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private final List<Reply> replies = new ArrayList<>();

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    private final CountDownLatch closing = new CountDownLatch(1);

    private int next;

    WireServer() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(threads);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    WireServer answer(Reply... more) {
        synchronized (replies) {
            replies.addAll(List.of(more));
        }
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        List<Received> all = received();
        return all.get(all.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(), headers, body));
        Reply reply;
        synchronized (replies) {
            reply = replies.get(Math.min(next++, replies.size() - 1));
        }
        try {
            reply.send(exchange);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            // The client gave up (a timeout under test): nothing to answer.
        }
        finally {
            exchange.close();
        }
    }

    static Reply json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** Server-sent events, each written and flushed on its own. */
    static Reply events(List<String> events) {
        return exchange -> writeEvents(exchange, events);
    }

    private static void writeEvents(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String event : events) {
            out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Answers nothing until the server closes. */
    Reply stall() {
        return exchange -> closing.await();
    }

    /** Sends the first events, then holds the stream open until the server closes. */
    Reply stallAfter(List<String> events) {
        return exchange -> {
            writeEvents(exchange, events);
            closing.await();
        };
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

}
