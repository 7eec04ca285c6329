package dev.jwtauth.admin.boundary;

import dev.jwtauth.users.boundary.UserView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

@JsonbPropertyOrder({"items", "page", "size", "total"})
public record UserPage(List<UserView> items, int page, int size, long total) {
}
