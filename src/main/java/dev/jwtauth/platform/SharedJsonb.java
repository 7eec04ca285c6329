package dev.jwtauth.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one {@link Jsonb} that writes every JAX-RS response body. Without it RESTEasy (the JAX-RS of WildFly and of
 * Open Liberty) builds a new Jsonb for each response it writes: a service-loader lookup and a fresh binding
 * context per request, the largest single cost of a small JSON answer in a profile on WildFly. A Jsonb is
 * thread-safe and meant to be shared.
 */
@Provider
@ApplicationScoped
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Logger LOG = Logger.getLogger(SharedJsonb.class.getName());

    private Jsonb jsonb;

    // not in a field initialiser: the container's client proxy is an instance of this class too
    @PostConstruct
    void open() {
        jsonb = JsonbBuilder.create();
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }

    // a lifecycle callback may not throw a checked exception; a Jsonb that fails to close only leaks its caches,
    // which go with the application anyway
    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing the shared Jsonb failed", e);
        }
    }
}
