package dev.jwtauth.tokens.boundary;

import dev.jwtauth.tokens.control.IssuedToken;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.time.Duration;

/** The OAuth 2.0 shaped answer of login and refresh (RFC 6749 section 5.1 member names). */
@JsonbPropertyOrder({"access_token", "token_type", "expires_in", "refresh_token"})
public record TokenResponse(@JsonbProperty("access_token") String accessToken,
                            @JsonbProperty("token_type") String tokenType,
                            @JsonbProperty("expires_in") long expiresIn,
                            @JsonbProperty("refresh_token") String refreshToken) {

    /**
     * The token goes in the body and, as the classic Express tutorial does, in the Authorization header.
     * Never cached (a token in a shared cache is a token for anyone): ResponseHeaders marks every /api answer
     * {@code no-store}.
     */
    static Response ok(IssuedToken token, String refreshToken) {
        return answer(token, refreshToken).build();
    }

    /** Cookie mode: the refresh token goes in the cookie only, never in the body. */
    static Response ok(IssuedToken token, NewCookie refreshCookie) {
        return answer(token, null).cookie(refreshCookie).build();
    }

    private static Response.ResponseBuilder answer(IssuedToken token, String refreshToken) {
        long expiresIn = Duration.between(token.issuedAt(), token.expiresAt()).toSeconds();
        return Response.ok(new TokenResponse(token.jwt(), "Bearer", expiresIn, refreshToken))
                .header("Authorization", "Bearer " + token.jwt());
    }
}
