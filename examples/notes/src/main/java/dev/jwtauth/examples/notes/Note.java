package dev.jwtauth.examples.notes;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

@JsonbPropertyOrder({"id", "text", "createdAt"})
public record Note(String id, String text, Instant createdAt) {
}
