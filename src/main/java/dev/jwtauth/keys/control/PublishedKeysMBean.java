package dev.jwtauth.keys.control;

/**
 * The kids of the keys the JWKS publishes, readable through the platform MBean server as
 * {@code dev.jwtauth:type=PublishedKeys}: how the service tells a verifier outside the application (WildFly's
 * SmallRye JWT, through the dev.jwtauth.wildfly module) which keys exist, using JDK types only.
 */
public interface PublishedKeysMBean {

    String[] getKids();
}
