package com.autograph.bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The floor bench/gateway measures the gateway against: Spring Cloud Gateway as it comes,
 * one route to the benchmark's upstream and nothing of ours (no security chain, session
 * check, rate limit, identity signing, breaker, metrics or access log). What the gateway
 * costs beyond this is ours to reduce; what this costs beyond nginx is the framework's.
 */
@SpringBootApplication
public class GatewayFloor {

    public static void main(String[] args) {
        SpringApplication.run(GatewayFloor.class, args);
    }

}
