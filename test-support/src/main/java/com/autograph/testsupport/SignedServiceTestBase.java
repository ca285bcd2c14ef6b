package com.autograph.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A service under test on a random port, on its own database, Redis key prefix and
 * buckets, in front of a stand-in for diagram-service, called as the gateway calls it:
 * with signed identity headers. Every test makes its own users. A subclass registers the
 * stand-in ({@link #register}, from its {@code @DynamicPropertySource}) and signs
 * ({@link #sign}: shared-lib's TrustedIdentity, which this module cannot depend on).
 */
public abstract class SignedServiceTestBase {

    /** The identity signing secret the service is started with. */
    protected static final String SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();

    @LocalServerPort
    protected int port;

    @Autowired
    private DataSource dataSource;

    /**
     * The real servers, the signing secret and diagram-service's address, for a
     * subclass's {@code @DynamicPropertySource}.
     */
    protected static void register(DynamicPropertyRegistry registry, Supplier<Object> diagramServiceUrl) {
        IsolatedInfrastructure.register(registry);
        registry.add("autograph.identity.signing-secret", () -> SECRET);
        registry.add("autograph.diagram-service.urls", diagramServiceUrl);
    }

    /** A user row, as auth-service would have made it (history rows refer to it). */
    protected UUID newUser() {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c
                    .prepareStatement("INSERT INTO users (id, email, full_name) VALUES (?, ?, 'Test User')")) {
            insert.setObject(1, id);
            insert.setString(2, id + "@example.com");
            insert.executeUpdate();
        }
        catch (SQLException ex) {
            throw new IllegalStateException("could not add a test user", ex);
        }
        return id;
    }

    /** A request to the service as {@code user}; unsigned when {@code user} is null. */
    protected HttpRequest.Builder request(UUID user, String method, String path, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, body);
        if (user != null) {
            sign(user, request::header);
        }
        return request;
    }

    /**
     * Writes the gateway's identity headers for {@code user} (an editor), signed with
     * {@link #SECRET}.
     */
    protected abstract void sign(UUID user, BiConsumer<String, String> header);

}
