package com.autograph.shared.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.autograph.shared.testapp.TestApplication;
import com.autograph.testsupport.TestDatabase;
import com.autograph.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * On shutdown (SIGTERM closes the context) a request in flight finishes; new ones are
 * refused.
 */
class GracefulShutdownTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
        TestDatabase database = TestDatabase.create();
        TestInfrastructure.Redis redis = TestInfrastructure.get().redis();
        ConfigurableApplicationContext context = SpringApplication.run(TestApplication.class, "--server.port=0",
                "--AUTOGRAPH_ENV_DIR=/nonexistent", "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(), "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(), "--SHUTDOWN_TIMEOUT=10s");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();

        int started = TestApplication.SLOW_REQUESTS_STARTED.get();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/widgets/slow?millis=2000")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestApplication.SLOW_REQUESTS_STARTED.get() > started);
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);

        // While draining, the port stops accepting new connections.
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThatThrownBy(
                    () -> fresh.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/liveness"))
                        .timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class));

        HttpResponse<String> response = inFlight.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished after 2000 ms");
        shutdown.get();
        assertThat(context.isActive()).isFalse();
    }

}
