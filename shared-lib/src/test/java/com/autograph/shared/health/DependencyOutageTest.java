package com.autograph.shared.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.autograph.shared.testapp.TestApplication;
import com.autograph.testsupport.IsolatedInfrastructure;
import com.autograph.testsupport.TcpProxy;
import com.autograph.testsupport.TestDatabase;
import com.autograph.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service started while PostgreSQL, Redis and S3 are all unreachable starts anyway,
 * reports DOWN on readiness (UP on liveness, so it is not restarted in a loop) and
 * becomes ready by itself once they are back.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "autograph.s3.enabled=true")
class DependencyOutageTest {

    private static final TestInfrastructure infra = TestInfrastructure.get();

    private static final TcpProxy postgres = TcpProxy.to(infra.postgres().host(), infra.postgres().port());

    private static final TcpProxy redis = TcpProxy.to(infra.redis().host(), infra.redis().port());

    private static final URI s3Uri = URI.create(infra.s3().endpoint());

    private static final TcpProxy s3 = TcpProxy.to(s3Uri.getHost(), s3Uri.getPort());

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void unreachableDependencies(DynamicPropertyRegistry registry) {
        String suffix = IsolatedInfrastructure.uniqueSuffix();
        TestDatabase database = TestDatabase.create();
        IsolatedInfrastructure.registerS3(registry, suffix);
        registry.add("spring.datasource.url",
                () -> "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database.name());
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", redis::port);
        registry.add("autograph.s3.endpoint", () -> "http://127.0.0.1:" + s3.port());
        registry.add("autograph.s3.connect-timeout", () -> "1s");
        registry.add("autograph.s3.read-timeout", () -> "2s");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void closeProxies() {
        postgres.close();
        redis.close();
        s3.close();
    }

    @Test
    void readinessFollowsTheDependencies() throws Exception {
        HttpResponse<String> down = get("/health/readiness");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JsonPath.<String>read(down.body(), "$.status")).isEqualTo("DOWN");
        assertThat(JsonPath.<String>read(down.body(), "$.components.db.status")).isEqualTo("DOWN");
        assertThat(JsonPath.<String>read(down.body(), "$.components.redis.status")).isEqualTo("DOWN");
        assertThat(JsonPath.<String>read(down.body(), "$.components.s3.status")).isEqualTo("DOWN");
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
        // A request that needs the database says the service is unavailable (503, which
        // the gateway's
        // breaker counts), not that this request failed (500, which it does not).
        HttpResponse<String> needsDatabase = get("/database/now");
        assertThat(needsDatabase.statusCode()).as(needsDatabase.body()).isEqualTo(503);
        assertThat(JsonPath.<String>read(needsDatabase.body(), "$.code")).isEqualTo("service_unavailable");
        assertThat(needsDatabase.headers().firstValue("Retry-After")).hasValue("5");

        postgres.restore();
        redis.restore();
        s3.restore();

        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(get("/health/readiness").statusCode()).isEqualTo(200));
        HttpResponse<String> up = get("/health/readiness");
        assertThat(JsonPath.<String>read(up.body(), "$.components.db.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(up.body(), "$.components.redis.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(up.body(), "$.components.s3.status")).isEqualTo("UP");

        // And again: losing Redis later takes readiness down, getting it back restores
        // it.
        redis.cut();
        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(get("/health/readiness").statusCode()).isEqualTo(503));
        redis.restore();
        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(get("/health/readiness").statusCode()).isEqualTo(200));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
