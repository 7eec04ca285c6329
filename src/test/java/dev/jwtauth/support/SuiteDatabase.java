package dev.jwtauth.support;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The suite server's own H2 database, opened beside the running server (H2 AUTO_SERVER mode). The tests read
 * the service's current signing key from it, so that they can sign tokens the service would accept but for one
 * deliberate flaw (expired, wrong issuer, ...): a negative test that only a forged signature would fail proves
 * nothing about the other checks.
 */
public final class SuiteDatabase {

    private SuiteDatabase() {
    }

    public record ServiceKey(String kid, PrivateKey privateKey) {
    }

    public static ServiceKey currentSigningKey() {
        try (Connection db = connect();
             var query = db.prepareStatement(
                     "select kid, private_key from signing_keys where retired_at is null order by created_at desc");
             var rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("The service has no current signing key");
            }
            byte[] pkcs8 = Base64.getDecoder().decode(rows.getString("private_key"));
            var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new ServiceKey(rows.getString("kid"), key);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the suite server's signing key", e);
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("suite.db.url"), "jwtauth", "");
    }
}
