package com.autograph.collaboration.room;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.autograph.collaboration.CollaborationServiceApplication;
import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the room tests share: service instances on the real Redis (settings on top of the
 * defaults), users as the gateway signs them, files in the stand-in diagram-service,
 * clients, and diagram-service's events as it publishes them on {@code file:{id}}.
 */
final class RoomTestKit {

    static final String SECRET = "collaboration-test-secret-of-32-bytes!!";

    static final JsonMapper json = JsonMapper.builder().build();

    private RoomTestKit() {
    }

    /** An instance on the real Redis, keys under {@code prefix}, with these settings. */
    static ConfigurableApplicationContext instance(StandInDiagramService diagrams, String prefix, String... settings) {
        return new SpringApplicationBuilder(CollaborationServiceApplication.class)
            .run(arguments(diagrams, prefix, 0, settings).toArray(new String[0]));
    }

    /**
     * An instance's command line: the real Redis, keys under {@code prefix}, this port
     * (0: any free one), then these settings.
     */
    static List<String> arguments(StandInDiagramService diagrams, String prefix, int port, String... settings) {
        TestInfrastructure.Redis redis = TestInfrastructure.get().redis();
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(), "--autograph.redis.key-prefix=" + prefix,
                "--autograph.identity.signing-secret=" + SECRET, "--autograph.diagram-service.urls=" + diagrams.url()));
        args.addAll(List.of(settings));
        return args;
    }

    /** A key prefix of its own, so that runs and classes share no room. */
    static String newPrefix() {
        return "test-" + IsolatedInfrastructure.uniqueSuffix() + ":";
    }

    /**
     * A stand-in diagram-service and two instances of one room space (one key prefix),
     * started before a class's tests and closed after them; each instance has its own
     * settings.
     */
    static final class TwoInstances implements BeforeAllCallback, AfterAllCallback {

        private final String[] firstSettings;

        private final String[] secondSettings;

        StandInDiagramService diagrams;

        ConfigurableApplicationContext first;

        ConfigurableApplicationContext second;

        private String prefix;

        private TwoInstances(String[] firstSettings, String[] secondSettings) {
            this.firstSettings = firstSettings;
            this.secondSettings = secondSettings;
        }

        /** Both instances with these settings. */
        static TwoInstances alike(String... settings) {
            return new TwoInstances(settings, settings);
        }

        static TwoInstances differing(String[] firstSettings, String[] secondSettings) {
            return new TwoInstances(firstSettings, secondSettings);
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            diagrams = new StandInDiagramService();
            prefix = newPrefix();
            first = instance(diagrams, prefix, firstSettings);
            second = instance(diagrams, prefix, secondSettings);
        }

        /**
         * One more instance like the first, in the same room space; the caller closes it.
         */
        ConfigurableApplicationContext another() {
            return instance(diagrams, prefix, firstSettings);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            RoomTestKit.close(first, second);
            if (diagrams != null) {
                diagrams.close();
            }
        }

    }

    static void close(ConfigurableApplicationContext... contexts) {
        for (ConfigurableApplicationContext context : contexts) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static TrustedIdentity user(String name) {
        return new TrustedIdentity(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
                name + "@example.com", List.of("user"), "", "jwt");
    }

    /**
     * A canvas of {@code count} rectangles {@code s0…} side by side, each holding
     * {@code text}.
     */
    static ObjectNode rectangles(int count, String text) {
        ObjectNode canvas = json.createObjectNode().put("schema_version", 1);
        var list = canvas.putArray("shapes");
        for (int i = 0; i < count; i++) {
            list.addObject()
                .put("id", "s" + i)
                .put("type", "rectangle")
                .put("x", i * 200)
                .put("y", 0)
                .put("width", 160)
                .put("height", 60)
                .put("text", text);
        }
        return canvas;
    }

    /** A file of rectangles {@code s0…} (text "hello") and then {@code more} shapes. */
    static UUID file(StandInDiagramService diagrams, int rectangles, Map<String, String> permissions,
            ObjectNode... more) {
        ObjectNode canvas = rectangles(rectangles, "hello");
        ArrayNode list = (ArrayNode) canvas.get("shapes");
        for (ObjectNode shape : more) {
            list.add(shape);
        }
        UUID id = UUID.randomUUID();
        diagrams.create(id, canvas).permissions.putAll(permissions);
        return id;
    }

    static SocketClient client(TrustedIdentity identity, ConfigurableApplicationContext instance, UUID fileId) {
        return new SocketClient(json, identity).connect(port(instance), fileId, SECRET, null);
    }

    static ObjectNode message(String type) {
        return json.createObjectNode().put("type", type);
    }

    static Predicate<ObjectNode> type(String type) {
        return m -> m.path("type").asString("").equals(type);
    }

    /** A message of {@code type} sent by the connection {@code from}. */
    static Predicate<ObjectNode> from(String type, SocketClient from) {
        String connection = connectionId(from);
        return m -> type(type).test(m) && m.path("connection_id").asString("").equals(connection);
    }

    static Predicate<ObjectNode> error(String code) {
        return m -> type("error").test(m) && m.path("code").asString("").equals(code);
    }

    static String connectionId(SocketClient client) {
        return client.awaitMessage(type("welcome")).path("connection_id").asString();
    }

    /** A file event as diagram-service's relay publishes it after its transaction. */
    static ObjectNode fileEvent(String event, UUID fileId, TrustedIdentity actor) {
        return json.createObjectNode()
            .put("event", event)
            .put("file_id", fileId.toString())
            .put("actor_id", actor.userId())
            .put("at", Instant.now().toString());
    }

    static void publish(ConfigurableApplicationContext instance, UUID fileId, ObjectNode event) {
        instance.getBean(StringRedisTemplate.class)
            .convertAndSend(instance.getBean(RedisKeyspace.class).fileChannel(fileId), event.toString());
    }

    static HttpResponse<String> rest(ConfigurableApplicationContext instance, String path, TrustedIdentity caller)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(instance) + path));
        caller.writeHeaders(SECRET.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), (name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        return SocketClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
