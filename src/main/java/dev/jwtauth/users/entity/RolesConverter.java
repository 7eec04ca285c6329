package dev.jwtauth.users.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Keeps a user's roles in one column, so loading a user for a request is a single-row read. */
@Converter
public class RolesConverter implements AttributeConverter<Set<Role>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Role> roles) {
        return roles.stream().map(Role::claimName).sorted().collect(Collectors.joining(","));
    }

    @Override
    public Set<Role> convertToEntityAttribute(String column) {
        var roles = EnumSet.noneOf(Role.class);
        Arrays.stream(column.split(",")).map(String::trim).map(Role::fromClaimName)
                .flatMap(java.util.Optional::stream).forEach(roles::add);
        return roles;
    }
}
