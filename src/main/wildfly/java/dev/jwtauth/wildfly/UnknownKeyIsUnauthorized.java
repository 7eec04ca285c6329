package dev.jwtauth.wildfly;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.auth.principal.UnmatchedTokenKidException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * SmallRye JWT's verifier (4.3.1 in WildFly 39; unchanged in 4.6.3) with two answers corrected.
 *
 * <p>A token whose verification key cannot be found is a bad credential (401), not a server error (500). With a
 * JWKS URL, SmallRye's {@code KeyLocationResolver} throws {@code UnmatchedTokenKidException} for a {@code kid} the
 * key set does not hold, but it throws it inside a {@code try} that catches {@code JoseException}, that exception's
 * superclass, and so reports a bare {@code UnresolvableKeyException}, which {@code JWTHttpAuthenticationMechanism}
 * answers with 500. Anyone can send such a token, so the contract's 401 must hold.
 *
 * <p>A token whose {@code kid} the service does not publish is refused before SmallRye sees it. SmallRye re-reads the
 * JWKS for each unknown kid (forced-refresh-interval 0, so that a rotated key is accepted at once): without this
 * check every anonymous token with a made-up kid would cost a JWKS fetch. The service announces its published kids
 * ({@link PublishedKids}), so a rotated key is known here the moment the service publishes it. A token without a
 * {@code kid} is refused while more than one key is published: SmallRye would pick one of them by its own rules,
 * and the service's tokens always name their key.
 *
 * <p>Open Liberty answers such tokens with 401 already and never loads this class: it is installed on WildFly only, as
 * a module (see {@code configure.cli}) found through SmallRye's {@code JWTCallerPrincipalFactory} service interface.
 */
public class UnknownKeyIsUnauthorized extends DefaultJWTCallerPrincipalFactory {

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        String kid = PublishedKids.kidOf(token);
        if (kid == null && !PublishedKids.oneKeyPublished()) {
            throw new ParseException("The token names no key, and this service publishes more than one",
                    new UnmatchedTokenKidException("A token without a kid while several keys are published"));
        }
        if (kid != null && !PublishedKids.mayBePublished(kid)) {
            throw new ParseException("The token's key is not one this service publishes",
                    new UnmatchedTokenKidException("No published key has the kid of this token"));
        }
        try {
            return super.parse(token, authContextInfo);
        } catch (ParseException e) {
            if (e.getCause() instanceof UnresolvableKeyException noKey
                    && !(noKey instanceof UnmatchedTokenKidException)) {
                // the mechanism answers this cause with 401 (and logs it as "kid not in the JWK set")
                throw new ParseException(e.getMessage(),
                        new UnmatchedTokenKidException("No verification key for this token", noKey));
            }
            throw e;
        }
    }
}
