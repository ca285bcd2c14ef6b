package com.autograph.ai.provider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockMultipartFile;

import com.autograph.ai.provider.ProviderSettings.Breaker;
import com.autograph.shared.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pictures in flight are limited: each holds several copies of itself in memory. */
class ImageControllerTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };

    @Test
    void aPictureBeyondTheConcurrencyLimitIs429WhileTheFirstIsRead() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        try (WireServer server = new WireServer()) {
            server.answer(exchange -> {
                arrived.countDown();
                server.stall().send(exchange);
            });
            ProviderSettings settings = Chains.settings(new Breaker(100, 100, Duration.ofMinutes(1)),
                    Chains.provider("mga", Wire.OPENAI, server));
            try (ProviderChain chain = ProviderConfiguration.build(settings, new SimpleMeterRegistry())) {
                ImageController controller = new ImageController(
                        new StaticListableBeanFactory(Map.of("chain", chain)).getBeanProvider(ProviderChain.class),
                        settings, tools.jackson.databind.json.JsonMapper.builder().build());
                MockMultipartFile image = new MockMultipartFile("image", "board.png", "image/png", PNG);
                CompletableFuture<?> first = CompletableFuture.runAsync(() -> call(controller, image));
                arrived.await();

                assertThatThrownBy(() -> controller.draftFromImage(null, image, "mermaid", null, null))
                    .isInstanceOfSatisfying(ApiException.class, ex -> {
                        assertThat(ex.status().value()).isEqualTo(429);
                        assertThat(ex.code()).isEqualTo("images_busy");
                    });
                server.close();
                assertThat(first).failsWithin(Duration.ofSeconds(30));
            }
        }
    }

    private static void call(ImageController controller, MockMultipartFile image) {
        try {
            controller.draftFromImage(null, image, "mermaid", null, null);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
