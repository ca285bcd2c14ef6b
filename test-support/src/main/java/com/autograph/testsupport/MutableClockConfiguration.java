package com.autograph.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts a {@link MutableClock} in place of the application's {@code Clock}: a test that
 * {@code @Import}s this autowires the clock and moves it past expiry and idle limits.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    @Bean
    @Primary
    public MutableClock testClock() {
        return MutableClock.startingNow();
    }

}
