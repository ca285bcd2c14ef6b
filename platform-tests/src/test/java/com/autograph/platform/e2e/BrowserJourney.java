package com.autograph.platform.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.DynamicTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A browser journey in real Chromium against a real platform: the services a test class
 * names behind a gateway serving frontend/dist, with mail caught by GreenMail. The
 * journey itself is a script under {@code frontend/tests} (playwright-core, axe-core);
 * each of its steps becomes a test of its own, so that they count in the Surefire totals.
 * Screenshots of every step and the axe-core report go to
 * {@code platform-tests/target/<output>/}.
 *
 * <p>
 * Needs the app's build and a Chromium: {@code ./autograph test} makes the first
 * ({@code npm ci}, {@code npm run build}) and installs the second (Debian's
 * {@code chromium}) before Maven runs.
 */
final class BrowserJourney implements AutoCloseable {

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private final Path frontend;

    private RunningPlatform platform;

    private HttpServer mailbox;

    private BrowserJourney(Path frontend) {
        this.frontend = frontend;
    }

    /**
     * Starts GreenMail, the services and the mailbox the journey reads its links from.
     */
    static BrowserJourney start(List<String> services) throws Exception {
        Path frontend = RunningPlatform.repositoryRoot().resolve("frontend");
        assertThat(frontend.resolve("dist/index.html"))
            .as("the browser app's build (run ./autograph build, or ./autograph test, which builds it)")
            .isRegularFile();
        assertThat(frontend.resolve("node_modules/playwright-core"))
            .as("the browser app's dependencies (npm ci in frontend/; ./autograph build does it)")
            .isDirectory();
        assertThat(Path.of(chromium()))
            .as("Chromium for the browser tests (apt-get install chromium; ./autograph test installs it)")
            .isExecutable();
        BrowserJourney journey = new BrowserJourney(frontend);
        try {
            journey.smtp.start();
            journey.platform = RunningPlatform.start(services, "4",
                    Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT",
                            Integer.toString(journey.smtp.getSmtp().getPort()), "GATEWAY_APP_DIR",
                            frontend.resolve("dist").toString(),
                            // One person clicking through the app quickly: the limits are
                            // tested elsewhere.
                            "RATE_LIMIT_PER_USER", "100000", "RATE_LIMIT_PER_IP", "100000"));
            journey.mailbox = journey.startMailbox();
            return journey;
        }
        catch (Exception | AssertionError ex) {
            journey.close();
            throw ex;
        }
    }

    /**
     * {@code GET /links?email=&kind=}: the tokens of the links of that kind mailed to the
     * address so far, as a JSON array, for the journey's verification and reset steps.
     */
    private HttpServer startMailbox() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/links", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            byte[] body;
            try {
                body = GatewayClient.links(this.smtp, query.get("email"), query.get("kind"))
                    .stream()
                    .map(token -> '"' + token + '"')
                    .collect(Collectors.joining(",", "[", "]"))
                    .getBytes(StandardCharsets.UTF_8);
            }
            catch (Exception ex) {
                body = "[]".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @Override
    public void close() {
        if (this.mailbox != null) {
            this.mailbox.stop(0);
        }
        if (this.platform != null) {
            this.platform.close();
        }
        this.smtp.stop();
    }

    private static String chromium() {
        String configured = System.getenv("AUTOGRAPH_CHROMIUM");
        return configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium";
    }

    /**
     * Runs {@code script} (relative to frontend/) with its output in
     * {@code platform-tests/target/<output>}, and reports each step of its results.json.
     */
    Stream<DynamicTest> run(String script, String output) throws Exception {
        Path dir = RunningPlatform.repositoryRoot().resolve("platform-tests/target").resolve(output);
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("results.json"));
        Path log = dir.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(this.frontend.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment()
            .putAll(Map.of("AUTOGRAPH_URL", this.platform.gateway("").toString(), "AUTOGRAPH_MAIL_URL",
                    "http://127.0.0.1:" + this.mailbox.getAddress().getPort(), "AUTOGRAPH_TEST_OUTPUT", dir.toString(),
                    "AUTOGRAPH_CHROMIUM", chromium()));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the browser tests did not finish within 10 minutes:\n" + Files.readString(log));
        }
        Path results = dir.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            fail("the browser tests wrote no results (exit " + process.exitValue() + "):\n" + Files.readString(log));
        }
        List<Map<String, Object>> steps = JsonPath.read(Files.readString(results), "$");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            tests.add(DynamicTest.dynamicTest(String.valueOf(step.get("name")), () -> {
                if (!Boolean.TRUE.equals(step.get("passed"))) {
                    fail(step.get("error") + "\n(screenshots and the full log: " + dir + ")");
                }
            }));
        }
        return tests.stream();
    }

}
