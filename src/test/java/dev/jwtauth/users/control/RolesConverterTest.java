package dev.jwtauth.users.control;

import dev.jwtauth.users.entity.Role;
import dev.jwtauth.users.entity.RolesConverter;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RolesConverterTest {

    private final RolesConverter converter = new RolesConverter();

    @Test
    void rolesRoundTripThroughOneColumn() {
        var roles = EnumSet.of(Role.ADMIN, Role.USER);
        assertEquals("admin,user", converter.convertToDatabaseColumn(roles));
        assertEquals(roles, converter.convertToEntityAttribute("admin,user"));
    }

    @Test
    void unknownNamesInTheColumnAreIgnored() {
        assertEquals(EnumSet.of(Role.USER), converter.convertToEntityAttribute("user, root"));
    }
}
