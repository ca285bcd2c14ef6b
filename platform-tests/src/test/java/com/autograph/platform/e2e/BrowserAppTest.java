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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The browser app in real Chromium against a real platform: auth-service,
 * diagram-service, export-service and collaboration-service behind a gateway serving
 * frontend/dist, with mail caught by GreenMail; two browser contexts edit one diagram
 * live. The journey itself is {@code frontend/tests/run.mjs} (playwright-core, axe-core);
 * each of its steps is reported here as a test of its own, so that they count in the
 * Surefire totals. Screenshots of every step and the axe-core report go to
 * {@code platform-tests/target/browser-tests/}.
 *
 * <p>
 * Needs the app's build and a Chromium: {@code ./autograph test} makes the first
 * ({@code npm ci}, {@code npm run build}) and installs the second (Debian's
 * {@code chromium}) before Maven runs.
 */
class BrowserAppTest {

    private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static RunningPlatform platform;

    private static HttpServer mailbox;

    private static Path frontend;

    @BeforeAll
    static void start() throws Exception {
        Path root = RunningPlatform.repositoryRoot();
        frontend = root.resolve("frontend");
        assertThat(frontend.resolve("dist/index.html"))
            .as("the browser app's build (run ./autograph build, or ./autograph test, which builds it)")
            .isRegularFile();
        assertThat(frontend.resolve("node_modules/playwright-core"))
            .as("the browser app's dependencies (npm ci in frontend/; ./autograph build does it)")
            .isDirectory();
        assertThat(Path.of(chromium()))
            .as("Chromium for the browser tests (apt-get install chromium; ./autograph test installs it)")
            .isExecutable();
        smtp.start();
        platform = RunningPlatform.start(
                List.of("auth-service", "diagram-service", "export-service", "collaboration-service"), "4",
                Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()),
                        "GATEWAY_APP_DIR", frontend.resolve("dist").toString(),
                        // One person clicking through the app quickly: the limits are
                        // tested
                        // elsewhere.
                        "RATE_LIMIT_PER_USER", "100000", "RATE_LIMIT_PER_IP", "100000"));
        mailbox = startMailbox();
    }

    /**
     * {@code GET /links?email=&kind=}: the tokens of the links of that kind mailed to the
     * address so far, as a JSON array, for the journey's verification and reset steps.
     */
    private static HttpServer startMailbox() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/links", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            byte[] body;
            try {
                body = GatewayClient.links(smtp, query.get("email"), query.get("kind"))
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

    @AfterAll
    static void stop() {
        if (mailbox != null) {
            mailbox.stop(0);
        }
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    private static String chromium() {
        String configured = System.getenv("AUTOGRAPH_CHROMIUM");
        return configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium";
    }

    @TestFactory
    Stream<DynamicTest> aPersonsJourneyThroughTheApp() throws Exception {
        Path output = RunningPlatform.repositoryRoot().resolve("platform-tests/target/browser-tests");
        Files.createDirectories(output);
        Files.deleteIfExists(output.resolve("results.json"));
        Path log = output.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder("node", "tests/run.mjs").directory(frontend.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment()
            .putAll(Map.of("AUTOGRAPH_URL", platform.gateway("").toString(), "AUTOGRAPH_MAIL_URL",
                    "http://127.0.0.1:" + mailbox.getAddress().getPort(), "AUTOGRAPH_TEST_OUTPUT", output.toString(),
                    "AUTOGRAPH_CHROMIUM", chromium()));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the browser tests did not finish within 10 minutes:\n" + Files.readString(log));
        }
        Path results = output.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            fail("the browser tests wrote no results (exit " + process.exitValue() + "):\n" + Files.readString(log));
        }
        List<Map<String, Object>> steps = JsonPath.read(Files.readString(results), "$");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            tests.add(DynamicTest.dynamicTest(String.valueOf(step.get("name")), () -> {
                if (!Boolean.TRUE.equals(step.get("passed"))) {
                    fail(step.get("error") + "\n(screenshots and the full log: " + output + ")");
                }
            }));
        }
        return tests.stream();
    }

}
