package dev.jwtauth.cluster;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.SuiteDatabase;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signing key's private half is stored encrypted under a key-encryption key that is not in the database: a copy
 * of the database alone signs nothing, a server without the right key-encryption key refuses to start rather than
 * sign with a new key, and the key-encryption key can be rotated without a new signing key or a lost session.
 */
class KeysAtRestIT {

    private final Path data = Path.of("target", "keys-at-rest", UUID.randomUUID().toString()).toAbsolutePath();
    private final String dbUrl = "jdbc:h2:file:" + data + "/jwtauth";

    @Test
    void thePrivateKeyIsEncryptedAtRestAndTheKeyEncryptionKeyRotates() throws Exception {
        byte[] first = newKeyEncryptionKey();
        byte[] second = newKeyEncryptionKey();
        String username = ApiTest.uniqueName("at-rest");
        String token;
        String kid;

        var server = ServerProcess.create("kek", 9480, environment(first, null));
        try {
            server.start();
            api(server).body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
            token = login(server, username);
            kid = RestAssured.given().baseUri(server.baseUri()).get("/.well-known/jwks.json").path("keys[0].kid");
        } finally {
            server.stop();
        }
        assertFalse(server.answers(), "the server still answers after it was stopped");

        // the stored form holds no usable key, only a sealed one that opens with the configured key-encryption key
        String stored = storedPrivateKey(kid);
        assertFalse(isPkcs8(stored), "the private key is stored in plain form");
        var opened = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(open(kid, stored, first)));
        assertEquals(publicModulus(kid), opened.getModulus());
        // nor anywhere in the database's files, in any form a private key is written
        assertNoPrivateKeyIn(data, opened);

        // another key-encryption key: the service does not start, and does not make a key of its own
        server = ServerProcess.create("kek", 9480, environment(second, null));
        try {
            server.launch();
            String messages = awaitMessage(server, "which is not configured");
            assertTrue(messages.contains(kid), messages);
            assertNotEquals(200, status(server.baseUri() + "/.well-known/jwks.json"));
        } finally {
            server.stop();
        }
        assertEquals(1, signingKeyCount(), "a server that cannot read the key made another");

        // rotation: the new key with the old one named as previous re-seals the stored key; afterwards the new key alone
        server = ServerProcess.create("kek", 9480, environment(second, first));
        try {
            server.start();
            api(server).header("Authorization", "Bearer " + token).get("/api/me")
                    .then().statusCode(200).body("username", equalTo(username));
        } finally {
            server.stop();
        }
        assertEquals(opened.getModulus(), ((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(open(kid, storedPrivateKey(kid), second)))).getModulus());

        server = ServerProcess.create("kek", 9480, environment(second, null));
        try {
            server.start();
            api(server).header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200);
            assertEquals(kid, RestAssured.given().baseUri(server.baseUri()).get("/.well-known/jwks.json")
                    .path("keys[0].kid"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aPrivateKeyStoredPlainIsRefusedUntilTheOperatorSealsIt() throws Exception {
        byte[] kek = newKeyEncryptionKey();
        String kid = firstStartsSignKey(kek);
        ServerProcess server;
        // what versions before envelope encryption stored, and what anyone able to write to the database could
        String plain = Base64.getEncoder().encodeToString(open(kid, storedPrivateKey(kid), kek));
        writePrivateKey(kid, plain);
        // the scan of the raw files that the first test relies on finds a key stored so
        var plainKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(plain)));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> assertNoPrivateKeyIn(data, plainKey));

        server = ServerProcess.create("kek", 9480, environment(kek, null));
        try {
            server.launch();
            String messages = awaitMessage(server, "is stored unencrypted");
            assertTrue(messages.contains("AUTH_SIGNING_SEAL_PLAIN_KEYS"), messages);
            assertNotEquals(200, status(server.baseUri() + "/.well-known/jwks.json"));
        } finally {
            server.stop();
        }

        // the upgrade path: the operator says it is theirs for one start, and it is sealed (bound to its row)
        var upgrade = new java.util.HashMap<>(environment(kek, null));
        upgrade.put("AUTH_SIGNING_SEAL_PLAIN_KEYS", "true");
        server = ServerProcess.create("kek", 9480, upgrade);
        try {
            server.start();
            assertEquals(kid, RestAssured.given().baseUri(server.baseUri()).get("/.well-known/jwks.json")
                    .path("keys[0].kid"));
        } finally {
            server.stop();
        }
        String resealed = storedPrivateKey(kid);
        assertFalse(isPkcs8(resealed), "still stored in plain form");
        assertTrue(resealed.startsWith("v2."), resealed);
        assertEquals(plain, Base64.getEncoder().encodeToString(open(kid, resealed, kek)));
    }

    @Test
    void aSealedPrivateKeyPairedWithAnotherPublicKeyIsRefused() throws Exception {
        byte[] kek = newKeyEncryptionKey();
        String kid = firstStartsSignKey(kek);
        // a database writer keeps the sealed private half and the kid but puts in a public key of their own
        var other = java.security.KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);
        String theirs = Base64.getEncoder().encodeToString(other.generateKeyPair().getPublic().getEncoded());
        try (var db = DriverManager.getConnection(dbUrl, "jwtauth", "");
             var update = db.prepareStatement("update signing_keys set public_key = ? where kid = ?")) {
            update.setString(1, theirs);
            update.setString(2, kid);
            assertEquals(1, update.executeUpdate());
        }
        var server = ServerProcess.create("kek", 9480, environment(kek, null));
        try {
            server.launch();
            awaitMessage(server, "is not the key its id names");
            assertNotEquals(200, status(server.baseUri() + "/.well-known/jwks.json"));
        } finally {
            server.stop();
        }
    }

    @Test
    void onPostgreSqlWithoutAKeyEncryptionKeyTheServiceDoesNotStart() throws Exception {
        try (var database = dev.jwtauth.support.PostgresDatabase.create()) {
            var environment = new java.util.HashMap<>(database.environment());
            environment.remove("AUTH_SIGNING_KEY_ENCRYPTION_KEY");
            var server = ServerProcess.create("kek", 9480, environment);
            try {
                server.launch();
                String messages = awaitMessage(server, "on PostgreSQL none is generated");
                assertTrue(messages.contains("openssl rand -base64 32"), messages);
                assertNotEquals(200, status(server.baseUri() + "/.well-known/jwks.json"));
            } finally {
                server.stop();
            }
            try (var db = database.connect();
                 var rows = db.createStatement().executeQuery("select count(*) from signing_keys")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "a signing key was made without a key-encryption key");
            }
        }
    }

    @Test
    void theKeyEncryptionKeyGeneratedWithoutConfigurationIsTheServersOwnAndNotInTheDatabasesDirectory()
            throws IOException {
        // the suite server runs with nothing configured but its directories (src/test/liberty/server.env, pom)
        Path generated = Path.of(System.getProperty("suite.kek.file"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated.getParent())));
        assertEquals(32, SuiteDatabase.suiteKeyEncryptionKey().length);
        Path database = Path.of(System.getProperty("suite.data.dir")).toAbsolutePath();
        assertFalse(generated.toAbsolutePath().startsWith(database), generated + " is inside " + database);
        try (var files = Files.walk(database)) {
            assertTrue(files.noneMatch(file -> file.getFileName().toString().startsWith("key-encryption-key")),
                    "a key-encryption key in the database's directory " + database);
        }
    }

    @Test
    void aKeyEncryptionKeyAnEarlierVersionGeneratedBesideTheDatabaseIsMovedOutAndStillOpensTheKey() throws Exception {
        Path secrets = data.resolveSibling(data.getFileName() + "-secrets");
        Files.createDirectories(data);
        byte[] kek = newKeyEncryptionKey();
        Path legacy = data.resolve("key-encryption-key");
        Files.writeString(legacy, Base64.getEncoder().encodeToString(kek) + "\n");
        var environment = Map.of("DB_URL", dbUrl, "AUTH_DATA_DIR", data.toString(),
                "AUTH_SECRETS_DIR", secrets.toString());
        String username = ApiTest.uniqueName("moved-kek");
        String kid;
        var server = ServerProcess.create("kek", 9480, environment);
        try {
            server.start();
            api(server).body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
            login(server, username);
            kid = RestAssured.given().baseUri(server.baseUri()).get("/.well-known/jwks.json").path("keys[0].kid");
        } finally {
            server.stop();
        }
        assertFalse(Files.exists(legacy), "the key-encryption key is still beside the database");
        Path moved = secrets.resolve("key-encryption-key");
        assertArrayEquals(kek, Base64.getDecoder().decode(Files.readString(moved).strip()));
        // the signing key was sealed with that same key: nothing was generated anew
        var opened = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(open(kid, storedPrivateKey(kid), kek)));
        assertEquals(publicModulus(kid), opened.getModulus());
    }

    private Map<String, String> environment(byte[] current, byte[] previous) {
        var environment = new java.util.HashMap<>(Map.of(
                "DB_URL", dbUrl,
                "AUTH_SIGNING_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(current)));
        if (previous != null) {
            environment.put("AUTH_SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS", Base64.getEncoder().encodeToString(previous));
        }
        return environment;
    }

    private String storedPrivateKey(String kid) throws Exception {
        try (var db = DriverManager.getConnection(dbUrl, "jwtauth", "");
             var query = db.prepareStatement("select private_key from signing_keys where kid = ?")) {
            query.setString(1, kid);
            try (var rows = query.executeQuery()) {
                assertTrue(rows.next(), "no stored key " + kid);
                return rows.getString(1);
            }
        }
    }

    /** Starts a server once on this test's database, so that it makes its signing key; returns the key's kid. */
    private String firstStartsSignKey(byte[] kek) throws Exception {
        var server = ServerProcess.create("kek", 9480, environment(kek, null));
        try {
            server.start();
            return RestAssured.given().baseUri(server.baseUri()).get("/.well-known/jwks.json").path("keys[0].kid");
        } finally {
            server.stop();
        }
    }

    /** The private key sealed in the row of {@code kid}, opened as the v2 form says (SuiteDatabase.openSealed). */
    private byte[] open(String kid, String stored, byte[] kek) throws Exception {
        try (var db = DriverManager.getConnection(dbUrl, "jwtauth", "");
             var query = db.prepareStatement("select algorithm, public_key from signing_keys where kid = ?")) {
            query.setString(1, kid);
            try (var rows = query.executeQuery()) {
                assertTrue(rows.next(), "no stored key " + kid);
                return SuiteDatabase.openSealed(kid, rows.getString(1), rows.getString(2), stored, kek);
            }
        }
    }

    private void writePrivateKey(String kid, String stored) throws Exception {
        try (var db = DriverManager.getConnection(dbUrl, "jwtauth", "");
             var update = db.prepareStatement("update signing_keys set private_key = ? where kid = ?")) {
            update.setString(1, stored);
            update.setString(2, kid);
            assertEquals(1, update.executeUpdate());
        }
    }

    private int signingKeyCount() throws Exception {
        try (var db = DriverManager.getConnection(dbUrl, "jwtauth", "");
             var rows = db.createStatement().executeQuery("select count(*) from signing_keys")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private BigInteger publicModulus(String kid) throws Exception {
        try (var db = DriverManager.getConnection(dbUrl, "jwtauth", "");
             var query = db.prepareStatement("select public_key from signing_keys where kid = ?")) {
            query.setString(1, kid);
            try (var rows = query.executeQuery()) {
                rows.next();
                var key = (java.security.interfaces.RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                        new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(rows.getString(1))));
                return key.getModulus();
            }
        }
    }

    /** Scans the raw files for the key as PEM, as base64 PKCS#8 (how a plain key is stored) and as raw DER. */
    private static void assertNoPrivateKeyIn(Path directory, RSAPrivateCrtKey key) throws IOException {
        String base64 = Base64.getEncoder().encodeToString(key.getEncoded());
        // from the middle: the start of every RSA PKCS#8 encoding is the same algorithm header
        String base64Material = base64.substring(base64.length() / 2, base64.length() / 2 + 64);
        String der = new String(key.getPrivateExponent().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        try (var files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String raw = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(raw.contains("PRIVATE KEY-----"), file + " holds a PEM private key");
                assertFalse(raw.contains(base64Material), file + " holds the private key as base64 PKCS#8");
                assertFalse(raw.contains(der), file + " holds the private exponent as raw bytes");
            }
        }
    }

    private static boolean isPkcs8(String stored) {
        try {
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored)));
            return true;
        } catch (Exception notAKey) {
            return false;
        }
    }

    private static String awaitMessage(ServerProcess server, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            String messages = server.messages();
            if (messages.contains(text)) {
                return messages;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server never logged \"" + text + "\":\n" + server.messages());
    }

    /** The HTTP status of a GET, or -1 when nothing listens. */
    private static int status(String uri) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException nothingListens) {
            return -1;
        }
    }

    private static RequestSpecification api(ServerProcess server) {
        return RestAssured.given().baseUri(server.baseUri()).contentType(ContentType.JSON);
    }

    private static String login(ServerProcess server, String username) {
        return api(server).body(Json.object("username", username, "password", ApiTest.PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    private static byte[] newKeyEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
