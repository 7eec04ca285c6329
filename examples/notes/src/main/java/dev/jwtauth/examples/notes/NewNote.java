package dev.jwtauth.examples.notes;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/notes}. */
public record NewNote(@NotNull(message = "text is required")
                      @Size(min = 1, max = 500, message = "text must be 1 to 500 characters") String text) {
}
