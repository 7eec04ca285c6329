package dev.jwtauth.me.boundary;

import dev.jwtauth.sessions.entity.Session;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

@JsonbPropertyOrder({"id", "createdAt", "lastUsedAt", "userAgent", "current"})
public record SessionView(String id, Instant createdAt, Instant lastUsedAt, String userAgent, boolean current) {

    static SessionView of(Session session, String currentSessionId) {
        return new SessionView(session.id(), session.createdAt(), session.lastUsedAt(),
                session.userAgent().orElse(null), session.id().equals(currentSessionId));
    }
}
