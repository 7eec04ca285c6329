package dev.jwtauth.platform;

/** Fired every thirtieth catch-up: each component deletes the rows nothing can use any more. */
public record PurgeDue() {
}
