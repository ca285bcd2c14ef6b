package com.autograph.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL database of its own for one test class, dropped when the test JVM exits.
 * {@link #migrated()} applies the project's migrations from
 * {@code classpath:db/migration} (put {@code db-migrations} on the test classpath to have
 * them).
 */
public final class TestDatabase {

    private final String name;

    private final TestInfrastructure.Postgres server;

    private TestDatabase(String name, TestInfrastructure.Postgres server) {
        this.name = name;
        this.server = server;
    }

    /** An empty database. */
    public static TestDatabase create() {
        TestInfrastructure.Postgres server = TestInfrastructure.get().postgres();
        String name = "ag_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create test database on " + server.jdbcUrl("postgres")
                    + " (is PostgreSQL running? ./autograph test starts it): " + ex.getMessage(), ex);
        }
        TestDatabase database = new TestDatabase(name, server);
        Runtime.getRuntime().addShutdownHook(new Thread(database::drop));
        return database;
    }

    /** A database with every migration applied. */
    public static TestDatabase migrated() {
        TestDatabase database = create();
        database.flyway().migrate();
        return database;
    }

    public Flyway flyway() {
        return flyway(null);
    }

    /** Flyway for this database, stopping at {@code target} when given (e.g. "1"). */
    public Flyway flyway(String target) {
        var configuration = Flyway.configure()
            .dataSource(jdbcUrl(), server.user(), server.password())
            .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), server.user(), server.password());
    }

    private void drop() {
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password()); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException ignored) {
            // Best effort at JVM exit; a leftover ag_test_* database harms no later run.
        }
    }

}
