package dev.jwtauth.admin.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

public record RolesRequest(@NotNull @Size(min = 1, max = 2, message = "must name one or two roles") List<String> roles) {
}
