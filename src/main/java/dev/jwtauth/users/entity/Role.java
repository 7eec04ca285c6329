package dev.jwtauth.users.entity;

import java.util.Arrays;
import java.util.Optional;

/** The roles a token's {@code groups} claim can carry; the names are the ones {@code @RolesAllowed} uses. */
public enum Role {
    USER("user"),
    ADMIN("admin"),
    /** Another service that may ask whether a token is live (token introspection). */
    SERVICE("service");

    public static final String USER_NAME = "user";
    public static final String ADMIN_NAME = "admin";
    public static final String SERVICE_NAME = "service";

    private final String claimName;

    Role(String claimName) {
        this.claimName = claimName;
    }

    public String claimName() {
        return claimName;
    }

    public static Optional<Role> fromClaimName(String name) {
        return Arrays.stream(values()).filter(role -> role.claimName.equals(name)).findFirst();
    }
}
