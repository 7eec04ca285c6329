package dev.jwtauth.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each default is written once, and the documentation agrees with it: the configuration table of docs/operations.md
 * is held to the files that define the settings, so that a default changed in one place only fails here instead of
 * leaving operators to run with one value while they read another.
 *
 * <p>How the table maps to the files:
 * <ul>
 *   <li>The table is the one under the header {@value #HEADER} in docs/operations.md, one key per row, each cell of
 *       the first two columns one name in backticks.</li>
 *   <li>Its keys are exactly the settings the service has: the keys of microprofile-config.properties, the
 *       {@code <variable>}s of server.xml (Liberty's ports and database) and the keys the sources inject with
 *       {@code @ConfigProperty} (such as {@code auth.cookie.secure}, whose default only its injection point writes).
 *       A setting missing from the table fails, and so does a row naming a key none of those files knows.</li>
 *   <li>The default cell is one value in backticks, equal character for character to what the files write
 *       (placeholders such as {@code ${auth.issuer}} stay as written, since that is what a reader must know), or the
 *       word {@value #UNSET}.</li>
 *   <li>{@value #UNSET} is for a setting deliberately without a default (a password, a key, the PEM files, the
 *       trusted proxies): microprofile-config.properties then shows the key commented out ({@code #key=} or
 *       {@code #key=example}), so that the file still lists every key with its one-line comment; a server.xml
 *       variable has an empty defaultValue; a {@code @ConfigProperty} has no defaultValue. A key that any of them
 *       sets cannot be {@value #UNSET} in the table, and a value in the table must be written in one of them.</li>
 *   <li>Where several files give a default (most {@code auth.*} keys in the properties file and in their
 *       {@code @ConfigProperty}; {@code auth.token.leeway} in server.xml too), each must equal the table's.</li>
 *   <li>The environment-variable column follows MicroProfile Config's rule, which Liberty also applies to server.xml
 *       variables: the key in upper case, each character other than a letter or a digit written as {@code _}. A name
 *       that breaks it would be silently ignored by the server.</li>
 * </ul>
 */
class ConfigurationTableTest {

    static final String HEADER = "| property | environment variable | default | meaning |";
    static final String UNSET = "unset";

    private static final Path OPERATIONS = Path.of("docs/operations.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path SERVER_XML = Path.of("server.xml");
    private static final Path SOURCES = Path.of("src/main/java");

    private static final Pattern NAME_CELL = Pattern.compile("`([^`]+)`");
    // a key the file shows without a value: "#auth.admin.password=" or "#auth.trusted-proxies=10.0.0.0/8"
    private static final Pattern COMMENTED_KEY = Pattern.compile("^#([A-Za-z][A-Za-z0-9._-]*)=");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(([^)]*)\\)");
    private static final Pattern INJECTED = Pattern.compile(
            "\\s*name\\s*=\\s*\"([^\"]+)\"\\s*(?:,\\s*defaultValue\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?");

    /** One row of the table; {@code defaultValue} is empty for {@value #UNSET}. */
    record Row(int line, String key, String environmentVariable, Optional<String> defaultValue) {

        String shownDefault() {
            return defaultValue.map(value -> "`" + value + "`").orElse(UNSET);
        }
    }

    /** A default a file writes for a key; {@code value} is empty where the file deliberately gives none. */
    record Definition(String file, Optional<String> value) {
    }

    private static Map<String, Row> table;
    private static Map<String, List<Definition>> definitions;

    @BeforeAll
    static void readTheTableAndTheFiles() throws Exception {
        table = readTable();
        definitions = new LinkedHashMap<>();
        readPropertiesFile();
        readServerXml();
        readInjectionPoints();
    }

    @Test
    void everyKeyOfThePropertiesFileIsInTheTable() {
        assertAllInTheTable(keysDefinedIn(PROPERTIES.toString()), PROPERTIES);
    }

    @Test
    void everyServerXmlVariableIsInTheTable() {
        assertAllInTheTable(keysDefinedIn(SERVER_XML.toString()), SERVER_XML);
    }

    @Test
    void everyKeyTheCodeInjectsIsInTheTable() {
        assertAllInTheTable(keysDefinedIn(SOURCES.toString()), SOURCES);
    }

    /** A row nothing reads documents a setting that does not exist: setting it would change nothing. */
    @Test
    void everyKeyInTheTableIsOneTheServiceReads() {
        List<String> unknown = table.values().stream()
                .filter(row -> !definitions.containsKey(row.key()))
                .map(row -> row.key() + " (line " + row.line() + ")")
                .toList();
        assertTrue(unknown.isEmpty(), OPERATIONS + " documents settings that neither " + PROPERTIES + ", nor "
                + SERVER_XML + ", nor a @ConfigProperty in " + SOURCES + " has: " + unknown);
    }

    @Test
    void everyDefaultInTheTableMatchesThePropertiesFile() {
        assertDefaultsMatch(PROPERTIES.toString());
    }

    @Test
    void everyDefaultInTheTableMatchesServerXml() {
        assertDefaultsMatch(SERVER_XML.toString());
    }

    /** The properties file wins at run time, but a different default in the code is a second truth waiting to bite. */
    @Test
    void everyDefaultInTheTableMatchesTheCode() {
        assertDefaultsMatch(SOURCES.toString());
    }

    /** Otherwise the table would promise a default that the service, reading none, does not have. */
    @Test
    void everyDefaultInTheTableIsWrittenInAFile() {
        List<String> invented = new ArrayList<>();
        for (Row row : table.values()) {
            if (row.defaultValue().isEmpty() || !definitions.containsKey(row.key())) {
                continue;
            }
            boolean written = definitions.get(row.key()).stream().anyMatch(d -> d.value().equals(row.defaultValue()));
            if (!written) {
                invented.add(row.key() + " " + row.shownDefault() + " (line " + row.line() + ")");
            }
        }
        assertTrue(invented.isEmpty(), OPERATIONS + " gives defaults that no file writes: " + invented);
    }

    @Test
    void everyEnvironmentVariableFollowsMicroProfileConfigsRule() {
        for (Row row : table.values()) {
            assertEquals(environmentName(row.key()), row.environmentVariable(), OPERATIONS + " line " + row.line()
                    + ": the environment variable that sets " + row.key() + " is named differently");
        }
    }

    // --- the table --------------------------------------------------------------------------------------------

    private static Map<String, Row> readTable() throws IOException {
        List<String> lines = Files.readAllLines(OPERATIONS);
        int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, OPERATIONS + " has no configuration table with the header " + HEADER);
        assertFalse(lines.subList(header + 1, lines.size()).contains(HEADER),
                OPERATIONS + " has two configuration tables: the settings belong in one");
        Map<String, Row> rows = new LinkedHashMap<>();
        // the header, then the delimiter row, then one row per key until the first line that is not a table row
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Row row = row(i + 1, lines.get(i));
            Row earlier = rows.put(row.key(), row);
            if (earlier != null) {
                fail(OPERATIONS + " documents " + row.key() + " twice, on lines " + earlier.line() + " and "
                        + row.line() + ": one setting, one default, one row");
            }
        }
        assertFalse(rows.isEmpty(), "the configuration table of " + OPERATIONS + " has no rows");
        return rows;
    }

    private static Row row(int line, String text) {
        String inner = text.strip();
        String[] cells = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length()).split("\\|", -1);
        if (cells.length != 4) {
            fail(OPERATIONS + " line " + line + " has " + cells.length + " cells instead of 4 (a | inside a cell?): "
                    + text);
        }
        String key = name(cells[0], "property", line);
        String variable = name(cells[1], "environment variable", line);
        String shown = cells[2].strip();
        Optional<String> defaultValue;
        if (shown.equals(UNSET)) {
            defaultValue = Optional.empty();
        } else {
            Matcher value = NAME_CELL.matcher(shown);
            if (!value.matches()) {
                fail(OPERATIONS + " line " + line + ": the default of " + key + " must be one value in backticks or "
                        + UNSET + ", not " + shown + " (explanations go in the meaning column)");
            }
            defaultValue = Optional.of(value.group(1));
        }
        return new Row(line, key, variable, defaultValue);
    }

    private static String name(String cell, String column, int line) {
        Matcher name = NAME_CELL.matcher(cell.strip());
        if (!name.matches()) {
            fail(OPERATIONS + " line " + line + ": the " + column + " column must hold one name in backticks, not "
                    + cell.strip());
        }
        return name.group(1);
    }

    // --- the files --------------------------------------------------------------------------------------------

    private static void readPropertiesFile() throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES)) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            define(key, PROPERTIES, Optional.of(properties.getProperty(key)));
        }
        for (String line : Files.readAllLines(PROPERTIES)) {
            Matcher commented = COMMENTED_KEY.matcher(line);
            if (commented.find() && !properties.containsKey(commented.group(1))) {
                define(commented.group(1), PROPERTIES, Optional.empty());
            }
        }
    }

    private static void readServerXml() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var variables = factory.newDocumentBuilder().parse(SERVER_XML.toFile()).getElementsByTagName("variable");
        for (int i = 0; i < variables.getLength(); i++) {
            var variable = (Element) variables.item(i);
            // a fixed value counts like a default: it is what the server runs with
            String value = variable.hasAttribute("defaultValue")
                    ? variable.getAttribute("defaultValue") : variable.getAttribute("value");
            define(variable.getAttribute("name"), SERVER_XML, Optional.of(value).filter(v -> !v.isEmpty()));
        }
    }

    private static void readInjectionPoints() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher annotation = CONFIG_PROPERTY.matcher(Files.readString(file));
                while (annotation.find()) {
                    Matcher injected = INJECTED.matcher(annotation.group(1));
                    if (!injected.matches()) {
                        fail(file + ": cannot read " + annotation.group() + " (expected name = \"…\" and an optional "
                                + "defaultValue = \"…\"); teach this test the new form rather than skip it");
                    }
                    Optional<String> value = Optional.ofNullable(injected.group(2))
                            .map(v -> v.replaceAll("\\\\(.)", "$1"));
                    define(injected.group(1), SOURCES, value);
                }
            }
        }
    }

    private static void define(String key, Path file, Optional<String> value) {
        definitions.computeIfAbsent(key, k -> new ArrayList<>()).add(new Definition(file.toString(), value));
    }

    // --- comparing --------------------------------------------------------------------------------------------

    private static Set<String> keysDefinedIn(String file) {
        Set<String> keys = new LinkedHashSet<>();
        definitions.forEach((key, defined) -> {
            if (defined.stream().anyMatch(d -> d.file().equals(file))) {
                keys.add(key);
            }
        });
        assertFalse(keys.isEmpty(), "no settings found in " + file + ": has it moved?");
        return keys;
    }

    private static void assertAllInTheTable(Set<String> keys, Path file) {
        List<String> missing = keys.stream().filter(key -> !table.containsKey(key)).toList();
        assertTrue(missing.isEmpty(), file + " has settings that the configuration table of " + OPERATIONS
                + " does not document: " + missing);
    }

    /**
     * Each default the file writes equals the table's; in the code, a key without a defaultValue says nothing (its
     * default comes from the properties file or server.xml), so only the properties file and server.xml can insist
     * on {@value #UNSET}.
     */
    private static void assertDefaultsMatch(String file) {
        List<String> differences = new ArrayList<>();
        definitions.forEach((key, defined) -> {
            Row row = table.get(key);
            if (row == null) {
                return; // reported by the tests that every key is in the table
            }
            for (Definition definition : defined) {
                if (!definition.file().equals(file)) {
                    continue;
                }
                boolean silent = definition.value().isEmpty() && file.equals(SOURCES.toString());
                if (!silent && !definition.value().equals(row.defaultValue())) {
                    differences.add(key + ": the table (line " + row.line() + ") says " + row.shownDefault()
                            + ", " + file + " " + definition.value().map(v -> "`" + v + "`").orElse(UNSET));
                }
            }
        });
        assertTrue(differences.isEmpty(), "defaults differ between " + OPERATIONS + " and " + file + ": "
                + differences);
    }

    /** MicroProfile Config's name for the environment variable of a key. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
