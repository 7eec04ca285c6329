package dev.jwtauth.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Runs the schema migrations first, then tells the components that the database is ready, so that
 * key generation and the bootstrap administrator never race the migrations.
 */
@ApplicationScoped
public class StartupSequence {

    @Inject
    DatabaseMigrations migrations;

    @Inject
    Event<DatabaseReady> databaseReady;

    void onStart(@Observes Startup startup) {
        migrations.migrate();
        databaseReady.fire(new DatabaseReady());
    }

    /** Fired once at start-up, after the schema migrations have run. */
    public record DatabaseReady() {
    }
}
