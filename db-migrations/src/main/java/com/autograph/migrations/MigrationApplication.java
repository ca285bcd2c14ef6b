package com.autograph.migrations;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Applies the Flyway migrations and exits: 0 when the schema is current, non-zero
 * otherwise. Several copies may start at once (replicas, a compose restart); Flyway's
 * PostgreSQL advisory lock lets exactly one apply each migration while the others wait
 * and then find nothing to do.
 */
@SpringBootApplication
public class MigrationApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(MigrationApplication.class, args)));
    }

}
