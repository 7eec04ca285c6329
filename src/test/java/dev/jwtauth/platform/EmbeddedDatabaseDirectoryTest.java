package dev.jwtauth.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmbeddedDatabaseDirectoryTest {

    @Test
    void theDirectoryOfAnH2FileUrlIsFound() {
        assertEquals(Optional.of(Path.of("/srv/data")),
                EmbeddedDatabaseDirectory.directoryOf("jdbc:h2:file:/srv/data/jwtauth;AUTO_SERVER=TRUE"));
        assertEquals(Optional.of(Path.of("/srv/data")), EmbeddedDatabaseDirectory.directoryOf("jdbc:h2:file:/srv/data/jwtauth"));
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        assertEquals(Optional.empty(), EmbeddedDatabaseDirectory.directoryOf("jdbc:postgresql://db:5432/jwtauth"));
        assertEquals(Optional.empty(), EmbeddedDatabaseDirectory.directoryOf("jdbc:h2:mem:test"));
        assertEquals(Optional.empty(), EmbeddedDatabaseDirectory.directoryOf(null));
    }
}
