package dev.jwtauth.clients;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document as written against the code, without a server: what OpenApiDocumentIT checks as served. */
class OpenApiDocumentTest {

    @Test
    void theDocumentDescribesEveryResourceMethodAndServletAndNothingElse() throws IOException {
        var served = OpenApiContract.servedOperations();
        // the reflection finds resources under the application path, path templates and servlets
        assertTrue(served.containsAll(List.of("POST /api/auth/login", "DELETE /api/me/sessions/{id}",
                "PUT /api/admin/users/{username}/roles", "GET /.well-known/jwks.json")), served::toString);
        assertEquals(served, OpenApiContract.documentedOperations(OpenApiContract.source()),
                "the operations of the code (JAX-RS resources and servlets) and those of " + OpenApiContract.SOURCE);
    }
}
