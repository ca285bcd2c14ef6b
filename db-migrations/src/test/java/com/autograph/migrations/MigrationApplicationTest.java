package com.autograph.migrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.autograph.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner that ./autograph up, the compose service and the Kubernetes Job start. */
class MigrationApplicationTest {

    @Test
    void migratesAnEmptyDatabaseAndExitsZeroThenFindsNothingToDo() throws Exception {
        TestDatabase database = TestDatabase.create();
        String[] args = { "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(), "--AUTOGRAPH_ENV_DIR=/nonexistent" };

        for (int run = 0; run < 2; run++) {
            ConfigurableApplicationContext context = SpringApplication.run(MigrationApplication.class, args);
            assertThat(SpringApplication.exit(context)).isZero();
        }

        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet history = statement
                    .executeQuery("SELECT count(*), max(version::int) FROM flyway_schema_history WHERE success")) {
            assertThat(history.next()).isTrue();
            assertThat(history.getInt(1)).isEqualTo(SchemaMigrationTest.MIGRATION_COUNT);
            assertThat(history.getInt(2)).isEqualTo(SchemaMigrationTest.LATEST_VERSION);
        }
    }

}
