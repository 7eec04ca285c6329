package dev.jwtauth.examples.notes.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The Authorization header of every JwtAuthClient call: this service's own token. The caller's headers are not
 * copied (nothing is listed in {@code org.eclipse.microprofile.rest.client.propagateHeaders}), so jwt-auth
 * authenticates the service that asks, never the user it is asked about.
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

    @Inject
    ServiceCredentials credentials;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
                                                 MultivaluedMap<String, String> clientOutgoingHeaders) {
        var headers = new MultivaluedHashMap<String, String>();
        headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + credentials.accessToken());
        return headers;
    }
}
