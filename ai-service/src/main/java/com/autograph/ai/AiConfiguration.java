package com.autograph.ai;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ai-service's own settings, the clock every dated thing reads and the streams' threads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AiProperties.class)
class AiConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Runs streamed generations (one virtual thread each; quotas bound how many a user
     * starts).
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService aiStreams() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ai-stream-", 0).factory());
    }

}
