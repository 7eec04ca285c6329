package dev.jwtauth.admin.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

public record RolesRequest(@NotNull @Size(min = 1, max = 3, message = "must name one to three roles") List<String> roles) {
}
