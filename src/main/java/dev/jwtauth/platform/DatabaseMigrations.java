package dev.jwtauth.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the schema to the version this build expects before anything touches the database. The same
 * migration scripts run on H2 and PostgreSQL; Hibernate only validates, it never changes the schema.
 */
@ApplicationScoped
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "jdbc/jwtauth")
    DataSource dataSource;

    private volatile boolean migrated;

    public synchronized void migrate() {
        if (migrated) {
            return;
        }
        var result = Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(dataSource)
                // Liberty's class loader finds a classpath folder only through a file in it (flyway.location,
                // also in Flyway's default callback folder db/callback)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // Flyway names a target version only when it applied something; otherwise the schema stayed where it was
        var version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + version
                + " (" + result.migrationsExecuted + " migrations applied now)");
        migrated = true;
    }
}
