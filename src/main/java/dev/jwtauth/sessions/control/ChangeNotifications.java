package dev.jwtauth.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Tells the other instances that the shared token state changed, with PostgreSQL's {@code NOTIFY}: the database the
 * service already has, no broker beside it. A notification is part of the transaction that makes the change, so
 * PostgreSQL delivers it when, and only if, that transaction commits; it carries no data, only what to re-read
 * ({@link ChangeListener} does). On H2, one instance only, there is nobody to tell.
 */
@ApplicationScoped
public class ChangeNotifications {

    static final String CHANNEL = "jwt_auth_changes";

    /** What changed: the payload of a notification. */
    public enum Topic {
        REVOCATIONS("revocations"), KEYS("keys");

        final String payload;

        Topic(String payload) {
            this.payload = payload;
        }
    }

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    /** The datasource's URL: a server.xml variable on Liberty, DB_URL on WildFly (unset there: H2). */
    @Inject
    @ConfigProperty(name = "db.url")
    Optional<String> databaseUrl;

    boolean isEnabled() {
        return databaseUrl.filter(url -> url.startsWith("jdbc:postgresql:")).isPresent();
    }

    /** Within the caller's transaction. */
    public void announce(Topic topic) {
        if (isEnabled()) {
            // both parts are constants of this class: nothing from a request reaches the statement
            em.createNativeQuery("NOTIFY " + CHANNEL + ", '" + topic.payload + "'").executeUpdate();
        }
    }
}
