package dev.jwtauth.platform;

import dev.jwtauth.platform.StartupSequence.DatabaseReady;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded H2 database holds the signing keys, so its directory is made readable by the server's own user only
 * (rwx------), whatever the umask that created it. A server database (PostgreSQL) is left to its administrator.
 */
@ApplicationScoped
public class EmbeddedDatabaseDirectory {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseDirectory.class.getName());
    private static final String H2_FILE_PREFIX = "jdbc:h2:file:";

    @Resource(lookup = "jdbc/jwtauth")
    DataSource dataSource;

    void restrict(@Observes @Priority(0) DatabaseReady ready) {
        directoryOf(jdbcUrl()).ifPresent(directory -> {
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            try {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not restrict the database directory " + directory + " to its owner", e);
            }
        });
    }

    /** The directory of an H2 file database URL ({@code jdbc:h2:file:/data/jwtauth;OPTION=…} gives {@code /data}). */
    static Optional<Path> directoryOf(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(H2_FILE_PREFIX)) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring(H2_FILE_PREFIX.length()).split(";", 2)[0];
        return Optional.ofNullable(Path.of(file).toAbsolutePath().getParent());
    }

    private String jdbcUrl() {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            return null;
        }
    }
}
