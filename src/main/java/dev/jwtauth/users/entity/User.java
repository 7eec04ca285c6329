package dev.jwtauth.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_USERNAME, query = "select u from User u where u.usernameKey = :key")
@NamedQuery(name = User.ALL, query = "select u from User u order by u.createdAt, u.id")
@NamedQuery(name = User.COUNT, query = "select count(u) from User u")
public class User {

    public static final String BY_USERNAME = "User.byUsername";
    public static final String ALL = "User.all";
    public static final String COUNT = "User.count";

    @Id
    private String id;

    @Column(nullable = false)
    private String username;

    @Column(name = "username_key", nullable = false, unique = true)
    private String usernameKey;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Convert(converter = RolesConverter.class)
    @Column(nullable = false)
    private Set<Role> roles;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected User() {
    }

    public User(String username, String displayName, String passwordHash, Set<Role> roles, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.usernameKey = keyOf(username);
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = copy(roles);
        this.createdAt = createdAt;
    }

    /** Usernames are compared without regard to case; this is the form the unique index holds. */
    public static String keyOf(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public Set<Role> roles() {
        return copy(roles);
    }

    public void assignRoles(Set<Role> newRoles) {
        this.roles = copy(newRoles);
    }

    public boolean disabled() {
        return disabled;
    }

    public void disable() {
        this.disabled = true;
    }

    public void enable() {
        this.disabled = false;
    }

    public Instant createdAt() {
        return createdAt;
    }

    private static Set<Role> copy(Set<Role> roles) {
        var copy = EnumSet.noneOf(Role.class);
        copy.addAll(roles);
        return copy;
    }
}
