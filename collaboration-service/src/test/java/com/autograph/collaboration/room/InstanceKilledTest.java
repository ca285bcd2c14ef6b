package com.autograph.collaboration.room;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.autograph.collaboration.CollaborationServiceApplication;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.FreePorts;

import tools.jackson.databind.node.ObjectNode;

import static com.autograph.collaboration.room.RoomTestKit.SECRET;
import static com.autograph.collaboration.room.RoomTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of an instance loses no acknowledged edit. The instances are separate
 * JVMs (this test's class path, the service's main class) on one real Redis, with a
 * stand-in diagram-service; clients on both make random concurrent edits (new shapes,
 * moves and text typed into shared shapes) until one instance gets SIGKILL mid-edit, with
 * nothing saved or said on the way out. Its clients reconnect to the survivor with the
 * last sequence number they saw; then every edit that was acknowledged is in the
 * document, and every client holds the document the survivor saved. Each kill is one
 * round with rooms of their own seeds (two kills, three rooms each); the instances to
 * kill start together at the beginning, since starting JVMs is most of this test's time.
 */
class InstanceKilledTest {

    private static final int ROUNDS = 2;

    private static final int ROOMS_PER_ROUND = 3;

    private static final int CLIENTS = 6;

    private static final int EDITS = 40;

    private static final Duration START = Duration.ofSeconds(240);

    private static StandInDiagramService diagrams;

    private static Instance survivor;

    private static final List<Instance> doomed = new ArrayList<>();

    /** A service process: its port and its log. */
    private record Instance(Process process, int port, Path log) {

        void awaitReady() {
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The instance exited:\n" + Files.readString(log));
                }
                try {
                    return SocketClient.HTTP
                        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
                            .timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
                }
                catch (IOException notYet) {
                    return false;
                }
            });
        }

    }

    @BeforeAll
    static void start() throws Exception {
        diagrams = new StandInDiagramService();
        String prefix = RoomTestKit.newPrefix();
        // All at once: the JVMs start side by side while the first rounds run.
        survivor = launch("survivor", prefix);
        for (int i = 0; i < ROUNDS; i++) {
            doomed.add(launch("doomed-" + i, prefix));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(InstanceKilledTest::stopAll));
        survivor.awaitReady();
    }

    @AfterAll
    static void stop() {
        stopAll();
        diagrams.close();
    }

    private static void stopAll() {
        List<Instance> all = new ArrayList<>(doomed);
        all.add(survivor);
        for (Instance instance : all) {
            if (instance != null) {
                instance.process().destroyForcibly();
            }
        }
    }

    private static Instance launch(String name, String prefix) throws IOException {
        int port = FreePorts.next();
        Path logs = Files.createDirectories(Path.of("target", "instance-killed"));
        Path log = logs.resolve(name + "-" + port + ".log");
        String java = ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), CollaborationServiceApplication.class.getName()));
        command.addAll(RoomTestKit.arguments(diagrams, prefix, port, "--autograph.collaboration.save-debounce=200ms",
                "--autograph.collaboration.messages-per-second=10000",
                "--autograph.collaboration.message-burst=10000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Instance(process, port, log);
    }

    @Test
    void killingAnInstanceLosesNoAcknowledgedEdit() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Instance dying = doomed.get(round);
            dying.awaitReady();
            Random schedule = new Random(round);
            List<Scenario> scenarios = new ArrayList<>();
            for (int r = 0; r < ROOMS_PER_ROUND; r++) {
                scenarios.add(new Scenario(round * ROOMS_PER_ROUND + r, dying));
            }
            // SIGKILL somewhere in the middle of the edits: after this many
            // acknowledgements.
            CountDownLatch acknowledged = new CountDownLatch(
                    20 + schedule.nextInt(ROOMS_PER_ROUND * CLIENTS * EDITS / 3));
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> edits = new ArrayList<>();
            scenarios.forEach(s -> edits.addAll(s.edit(pool, acknowledged)));
            assertThat(acknowledged.await(60, TimeUnit.SECONDS)).isTrue();
            dying.process().destroyForcibly();
            assertThat(dying.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (Future<?> each : edits) {
                each.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (Scenario scenario : scenarios) {
                scenario.reconnectAndCheck();
            }
        }
    }

    /** One room: its clients, half on the instance to kill, and what was acknowledged. */
    private static final class Scenario {

        private final long seed;

        private final UUID fileId = UUID.randomUUID();

        private final List<SocketClient> clients = new ArrayList<>();

        private final List<Boolean> onDying = new ArrayList<>();

        /** Acknowledged new shapes, and acknowledged text typed into shape "s<n>". */
        private final Set<String> shapes = ConcurrentHashMap.newKeySet();

        private final Map<String, String> typed = new ConcurrentHashMap<>();

        Scenario(long seed, Instance dying) {
            this.seed = seed;
            StandInDiagramService.StoredFile file = diagrams.create(fileId, RoomTestKit.rectangles(3, ""));
            for (int i = 0; i < CLIENTS; i++) {
                TrustedIdentity user = new TrustedIdentity(UUID.randomUUID().toString(),
                        "k" + seed + "-" + i + "@example.com", List.of("user"), "", "jwt");
                file.permissions.put(user.userId(), "edit");
                boolean dies = i % 2 == 0;
                onDying.add(dies);
                clients
                    .add(new SocketClient(json, user).connect((dies ? dying : survivor).port(), fileId, SECRET, null));
            }
        }

        List<Future<?>> edit(ExecutorService pool, CountDownLatch acknowledged) {
            List<Future<?>> edits = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SocketClient client = clients.get(c);
                Random random = new Random(seed * 1000 + c);
                String me = seed + "-" + c;
                edits.add(pool.submit(() -> {
                    for (int e = 0; e < EDITS && !client.closed; e++) {
                        String opId = me + "-" + e;
                        String target = "s" + random.nextInt(3);
                        ObjectNode op = json.createObjectNode();
                        long base;
                        String token = null;
                        // The text and its sequence number as one view: the index is
                        // in the text at base_seq, so the server's transformation keeps
                        // every typed token whole.
                        synchronized (client) {
                            base = client.seq;
                            switch (random.nextInt(3)) {
                                case 0 -> op.put("op", "add")
                                    .putObject("shape")
                                    .put("id", "n" + opId)
                                    .put("type", "ellipse")
                                    .put("x", random.nextInt(500))
                                    .put("y", 0)
                                    .put("width", 10)
                                    .put("height", 10);
                                case 1 -> op.put("op", "update")
                                    .put("id", target)
                                    .putObject("set")
                                    .put("x", random.nextInt(1000));
                                default -> {
                                    token = "[" + opId + "]";
                                    op.put("op", "text")
                                        .put("id", target)
                                        .put("index", client.document.text(target).length())
                                        .put("delete", 0)
                                        .put("insert", token);
                                }
                            }
                        }
                        ObjectNode message = json.createObjectNode()
                            .put("type", "op")
                            .put("op_id", opId)
                            .put("base_seq", base);
                        message.putArray("ops").add(op);
                        ObjectNode outcome;
                        try {
                            client.send(message);
                            outcome = client.awaitMessage(m -> opId.equals(m.path("op_id").asString(null))
                                    && (m.path("type").asString("").equals("op")
                                            || m.path("type").asString("").equals("error")));
                        }
                        catch (AssertionError | RuntimeException lost) {
                            return null; // its instance died: not acknowledged
                        }
                        assertThat(outcome.path("type").asString()).as(outcome.toString()).isEqualTo("op");
                        if (op.path("op").asString().equals("add")) {
                            shapes.add("n" + opId);
                        }
                        else if (token != null) {
                            typed.put(token, target);
                        }
                        acknowledged.countDown();
                    }
                    return null;
                }));
            }
            return edits;
        }

        void reconnectAndCheck() {
            for (int c = 0; c < CLIENTS; c++) {
                SocketClient client = clients.get(c);
                if (onDying.get(c)) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> client.closed);
                    client.connect(survivor.port(), fileId, SECRET, client.seq);
                }
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                ObjectNode saved = diagrams.files.get(fileId).canvas;
                assertThat(clients).allSatisfy(c -> assertThat(c.document.canvas()).isEqualTo(saved));
            });
            SocketClient witness = clients.get(1);
            assertThat(shapes.size() + typed.size()).as("acknowledged edits (seed %d)", seed).isPositive();
            for (String id : shapes) {
                assertThat(witness.document.hasShape(id)).as("acknowledged shape %s (seed %d)", id, seed).isTrue();
            }
            typed.forEach((token, target) -> assertThat(witness.document.text(target))
                .as("acknowledged text %s (seed %d)", token, seed)
                .contains(token));
            long seq = witness.seq;
            assertThat(clients).allSatisfy(c -> assertThat(c.seq).isEqualTo(seq));
            clients.forEach(SocketClient::close);
        }

    }

}
