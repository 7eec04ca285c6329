package dev.jwtauth.health;

import dev.jwtauth.keys.control.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the service holds a key to sign with; without one it cannot do its job and should be restarted. */
@Liveness
@ApplicationScoped
public class SigningKeyLiveness implements HealthCheck {

    @Inject
    SigningKeys keys;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("signing-key");
        try {
            return response.up().withData("kid", keys.current().kid()).build();
        } catch (IllegalStateException e) {
            return response.down().build();
        }
    }
}
