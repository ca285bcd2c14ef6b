package com.autograph.gateway;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The gateway (port 8080): the single entry point that routes /api/** to the seven
 * services.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** The time sessions, cached API keys and signatures are judged by; tests move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
