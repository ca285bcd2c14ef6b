import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenAI-compatible chat completions server for bench/ai: it waits the given
 * delay, then answers POST {base}/chat/completions with a valid Mermaid flowchart (or
 * Eraser-style code when the system prompt asks for it) built from the words of the
 * request, in one JSON piece or as server-sent events ("stream": true), with token usage.
 *
 * <p>
 * Run: {@code java bench/ai/StubOpenAi.java [port] [delay-ms]} (defaults 18090 and 5000),
 * then point ai-service at {@code http://127.0.0.1:PORT/v1} with kind openai.
 */
public final class StubOpenAi {

    private static final Pattern REQUEST = Pattern.compile("Request:\\\\n(.*?)\\\\n");

    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,}");

    private static final Set<String> SKIP = Set.of("the", "and", "with", "for", "that", "from", "into", "behind",
            "add", "make", "show", "draw", "diagram", "two", "three", "an", "on", "in", "of", "to");

    private static final AtomicLong served = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 5000;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, delay);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        System.out.println("stub-openai listening on http://127.0.0.1:" + port + "/v1 (delay " + delay + " ms)");
    }

    private static void answer(HttpExchange exchange, long delay) throws IOException, InterruptedException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
            byte[] notFound = "{\"error\":{\"message\":\"not found\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, notFound.length);
            exchange.getResponseBody().write(notFound);
            return;
        }
        Thread.sleep(delay);
        boolean eraser = body.contains("Language: the Eraser-style");
        String code = eraser ? eraser(words(body)) : mermaid(words(body));
        String text = "```" + (eraser ? "eraser" : "mermaid") + "\n" + code + "```\n";
        int input = Math.max(1, body.length() / 4);
        int output = Math.max(1, text.length() / 4);
        long id = served.incrementAndGet();
        if (body.replace(" ", "").contains("\"stream\":true")) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String line : text.split("(?<=\n)")) {
                event(out, "{\"id\":\"stub-" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":\"stub\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(line) + "},\"finish_reason\":null}]}");
            }
            event(out, "{\"id\":\"stub-" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":\"stub\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            event(out, "{\"id\":\"stub-" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":\"stub\",\"choices\":[],"
                    + usage(input, output) + "}");
            event(out, "[DONE]");
            return;
        }
        byte[] json = ("{\"id\":\"stub-" + id + "\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"stub\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(text)
                + "},\"finish_reason\":\"stop\"}]," + usage(input, output) + "}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        exchange.getResponseBody().write(json);
    }

    /** The request's own words (at most eight), so each answer names what was asked for. */
    private static List<String> words(String body) {
        Matcher request = REQUEST.matcher(body);
        String text = request.find() ? request.group(1) : "web app api database";
        Set<String> words = new LinkedHashSet<>();
        Matcher word = WORD.matcher(text);
        while (word.find() && words.size() < 8) {
            String w = word.group().toLowerCase(Locale.ROOT);
            if (!SKIP.contains(w)) {
                words.add(w);
            }
        }
        if (words.size() < 2) {
            words.addAll(List.of("client", "service"));
        }
        return new ArrayList<>(words);
    }

    private static String mermaid(List<String> words) {
        StringBuilder code = new StringBuilder("flowchart LR\n");
        for (String w : words) {
            code.append("  ").append(w).append("[\"").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1))
                .append("\"]\n");
        }
        for (int i = 1; i < words.size(); i++) {
            code.append("  ").append(words.get(i - 1)).append(" -->|calls| ").append(words.get(i)).append('\n');
        }
        return code.toString();
    }

    private static String eraser(List<String> words) {
        StringBuilder code = new StringBuilder();
        for (String w : words) {
            code.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1)).append('\n');
        }
        for (int i = 1; i < words.size(); i++) {
            code.append(words.get(i - 1)).append(" > ").append(words.get(i)).append(": calls\n");
        }
        return code.toString();
    }

    private static String usage(int input, int output) {
        return "\"usage\":{\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output + ",\"total_tokens\":"
                + (input + output) + "}";
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

}
