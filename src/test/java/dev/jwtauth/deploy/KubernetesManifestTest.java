package dev.jwtauth.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;

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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps kubernetes.yaml true to the service it deploys: its port, health paths, settings and secrets are each
 * compared with the file that defines them (server.xml, microprofile-config.properties, the sources, the README), so
 * renaming a setting or changing a default there fails here until the manifest follows.
 */
class KubernetesManifestTest {

    private static final Path MANIFEST = Path.of("kubernetes.yaml");
    private static final Path SERVER_XML = Path.of("server.xml");
    private static final Path README = Path.of("README.md");
    private static final Path CONFIG_PROPERTIES = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path SOURCES = Path.of("src/main/java");

    /** The settings whose values are credentials: they must come from the Secret, never be written here. */
    private static final Set<String> SECRET_SETTINGS =
            Set.of("DB_PASSWORD", "AUTH_SIGNING_KEY_ENCRYPTION_KEY", "AUTH_ADMIN_PASSWORD");

    private static List<Map<String, Object>> documents;
    private static String manifestText;
    private static String readme;

    @BeforeAll
    static void readManifest() throws IOException {
        manifestText = Files.readString(MANIFEST);
        readme = Files.readString(README);
        documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(MANIFEST)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document, "a document of " + MANIFEST));
                }
            }
        }
    }

    @Test
    void theContainerPortIsTheServersHttpPort() throws Exception {
        String httpPort = serverXmlVariables().get("http.port");
        assertNotNull(httpPort, "server.xml no longer declares <variable name=\"http.port\">");
        Map<String, Object> port = containerPort("http");
        assertEquals(Integer.parseInt(httpPort), port.get("containerPort"),
                "the container port named http differs from server.xml's http.port default");
    }

    @Test
    void theServiceSendsItsTrafficToTheNamedContainerPort() {
        List<Object> ports = list(at(service(), "spec", "ports"), "the Service's ports");
        assertFalse(ports.isEmpty(), "the Service has no ports");
        for (Object each : ports) {
            Object targetPort = map(each, "a Service port").get("targetPort");
            assertInstanceOf(String.class, targetPort,
                    "a Service port targets a number instead of the container port's name: " + each);
            assertNotNull(containerPortOrNull((String) targetPort),
                    "the Service targets port \"" + targetPort + "\", which the container does not name");
        }
    }

    @Test
    void theSelectorsMatchThePodLabels() {
        Map<String, Object> podLabels = map(at(deployment(), "spec", "template", "metadata", "labels"),
                "the pod template's labels");
        Map<String, Object> deploymentSelector = map(at(deployment(), "spec", "selector", "matchLabels"),
                "the Deployment's selector");
        Map<String, Object> serviceSelector = map(at(service(), "spec", "selector"), "the Service's selector");
        assertFalse(deploymentSelector.isEmpty(), "the Deployment's selector is empty");
        assertFalse(serviceSelector.isEmpty(), "the Service's selector is empty");
        assertTrue(podLabels.entrySet().containsAll(deploymentSelector.entrySet()),
                "the Deployment's selector " + deploymentSelector + " does not match its pods' labels " + podLabels);
        assertTrue(podLabels.entrySet().containsAll(serviceSelector.entrySet()),
                "the Service's selector " + serviceSelector + " does not match the pods' labels " + podLabels);
    }

    @Test
    void readinessAndLivenessAskTheHealthPathsTheReadmeNames() {
        assertProbe("readinessProbe", "/health/ready");
        assertProbe("livenessProbe", "/health/live");
        for (String path : List.of("/health/ready", "/health/live")) {
            assertTrue(readme.contains(path), "README.md no longer names " + path + ", which a probe asks");
        }
    }

    /** MicroProfile Health added /health/started in 3.1: an older feature would answer 404 and fail every start. */
    @Test
    void theStartupProbeAsksAPathTheServersHealthFeatureServes() throws Exception {
        assertProbe("startupProbe", "/health/started");
        String health = serverXmlFeatures().stream().filter(f -> f.startsWith("mpHealth-")).findFirst()
                .orElseGet(() -> fail("server.xml no longer enables mpHealth, which the probes ask"));
        String[] version = health.substring("mpHealth-".length()).split("\\.");
        int major = Integer.parseInt(version[0]);
        int minor = version.length > 1 ? Integer.parseInt(version[1]) : 0;
        assertTrue(major > 3 || major == 3 && minor >= 1,
                "server.xml enables " + health + ", which has no /health/started for the startup probe");
    }

    /**
     * A name nothing reads is silently ignored: the instance starts with the default instead. Each name must be a
     * server.xml variable or a MicroProfile Config key in environment form (Liberty and MicroProfile Config both
     * map db.url and auth.signing.key-encryption-key so), or failing that be documented in the README.
     */
    @Test
    void everyEnvironmentVariableIsASettingTheServiceReads() throws Exception {
        Set<String> serverVariables = environmentNames(serverXmlVariables().keySet());
        Set<String> configKeys = environmentNames(configKeys());
        for (Map<String, Object> env : containerEnv()) {
            String name = (String) env.get("name");
            assertTrue(serverVariables.contains(name) || configKeys.contains(name)
                            || Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(readme).find(),
                    "the Deployment sets " + name + ", which is neither a server.xml variable, nor a MicroProfile "
                            + "Config key (microprofile-config.properties or a @ConfigProperty), nor in README.md");
            if (env.containsKey("value")) {
                assertInstanceOf(String.class, env.get("value"),
                        name + "'s value must be a quoted string: Kubernetes refuses numbers and booleans there");
            }
        }
    }

    @Test
    void theInstancesShareOnePostgreSqlDatabaseThroughServerXml() throws Exception {
        Set<String> serverVariables = environmentNames(serverXmlVariables().keySet());
        for (String name : List.of("DB_URL", "DB_USER", "DB_PASSWORD")) {
            assertTrue(serverVariables.contains(name), "the Deployment gives the database as " + name
                    + ", but server.xml's datasource no longer reads a variable of that name");
            assertNotNull(envNamed(name), "the Deployment no longer sets " + name);
        }
        // An H2 URL (the default) would give each instance a database of its own: users, keys and revocations
        // would differ from instance to instance.
        String url = (String) envNamed("DB_URL").get("value");
        assertNotNull(url, "DB_URL has no literal value");
        assertTrue(url.startsWith("jdbc:postgresql://"), "DB_URL is not a PostgreSQL URL: " + url);
        assertTrue(url.contains("connectTimeout=") && url.contains("socketTimeout="),
                "DB_URL lacks the driver's connectTimeout and socketTimeout (see server.xml): " + url);
    }

    /** The Secret is created by the command in the manifest's comment; the Deployment may only ask for its keys. */
    @Test
    void everySecretReferenceNamesAKeyTheDocumentedSecretHas() {
        Matcher command = Pattern.compile("kubectl create secret generic (\\S+)((?:[^\\n]*\\\\\\n)*[^\\n]*)")
                .matcher(manifestText);
        assertTrue(command.find(), "kubernetes.yaml no longer documents the `kubectl create secret` command");
        String secretName = command.group(1);
        Set<String> secretKeys = new LinkedHashSet<>();
        Matcher literal = Pattern.compile("--from-literal=([A-Za-z0-9_.-]+)=").matcher(command.group(2));
        while (literal.find()) {
            secretKeys.add(literal.group(1));
        }
        for (Map<String, Object> env : containerEnv()) {
            String name = (String) env.get("name");
            Object valueFrom = env.get("valueFrom");
            if (SECRET_SETTINGS.contains(name)) {
                assertFalse(env.containsKey("value"), name + " is written into the manifest; it belongs in the Secret");
                assertNotNull(valueFrom, name + " does not come from the Secret");
            }
            if (valueFrom == null || !map(valueFrom, name + "'s valueFrom").containsKey("secretKeyRef")) {
                continue;
            }
            Map<String, Object> ref = map(at(env, "valueFrom", "secretKeyRef"), name + "'s secretKeyRef");
            assertEquals(secretName, ref.get("name"),
                    name + " refers to a Secret other than the one the documented command creates");
            assertTrue(secretKeys.contains((String) ref.get("key")), name + " refers to the key " + ref.get("key")
                    + ", which the documented `kubectl create secret` command does not create " + secretKeys);
        }
    }

    /** Applying the manifest must never replace the real credentials with whatever the repository holds. */
    @Test
    void theManifestHoldsNoSecret() {
        for (Map<String, Object> document : documents) {
            assertFalse("Secret".equals(document.get("kind")),
                    "kubernetes.yaml holds a Secret: `kubectl apply` would overwrite the one created by hand");
        }
    }

    @Test
    void theIngressIsATrustedProxySoClientsAreToldApart() {
        // without it every client is the ingress controller's one address, and the per-client limits count everyone
        var proxies = envNamed("AUTH_TRUSTED_PROXIES");
        assertNotNull(proxies, "AUTH_TRUSTED_PROXIES is not set");
        String value = String.valueOf(proxies.get("value"));
        for (String range : value.split(",")) {
            assertTrue(range.strip().matches("[0-9a-fA-F:.]+(/\\d{1,3})?"), "not an address or CIDR range: " + range);
        }
    }

    private static void assertProbe(String probe, String path) {
        Map<String, Object> httpGet = map(at(container(), probe, "httpGet"), "the " + probe + "'s httpGet");
        assertEquals(path, httpGet.get("path"), "the " + probe + " asks another path than " + path);
        Object port = httpGet.get("port");
        assertTrue(port instanceof String name && containerPortOrNull(name) != null,
                "the " + probe + " asks port " + port + ", not a port the container names");
    }

    // --- the manifest ---------------------------------------------------------------------------------------

    private static Map<String, Object> kind(String kind) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertEquals(1, found.size(), "kubernetes.yaml should hold exactly one " + kind);
        return found.get(0);
    }

    private static Map<String, Object> deployment() {
        return kind("Deployment");
    }

    private static Map<String, Object> service() {
        return kind("Service");
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(at(deployment(), "spec", "template", "spec", "containers"), "containers");
        assertEquals(1, containers.size(), "the pod should have exactly one container");
        return map(containers.get(0), "the container");
    }

    private static Map<String, Object> containerPortOrNull(String name) {
        for (Object port : list(container().get("ports"), "the container's ports")) {
            if (name.equals(map(port, "a container port").get("name"))) {
                return map(port, "a container port");
            }
        }
        return null;
    }

    private static Map<String, Object> containerPort(String name) {
        Map<String, Object> port = containerPortOrNull(name);
        assertNotNull(port, "the container no longer names a port \"" + name + "\"");
        return port;
    }

    private static List<Map<String, Object>> containerEnv() {
        return list(container().get("env"), "the container's env").stream().map(e -> map(e, "an env entry")).toList();
    }

    private static Map<String, Object> envNamed(String name) {
        return containerEnv().stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
    }

    private static Object at(Map<String, Object> from, String... keys) {
        Object current = from;
        for (String key : keys) {
            current = map(current, "the parent of " + key).get(key);
            assertNotNull(current, "kubernetes.yaml has no " + String.join(".", keys));
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertInstanceOf(Map.class, value, what + " is not a mapping");
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        assertInstanceOf(List.class, value, what + " is not a list");
        return (List<Object>) value;
    }

    // --- what the service reads ---------------------------------------------------------------------------

    /** The name an environment variable must have to set a key: non-alphanumerics become '_', in capitals. */
    private static Set<String> environmentNames(Set<String> keys) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : keys) {
            names.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return names;
    }

    private static Map<String, String> serverXmlVariables() throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        var elements = serverXml().getElementsByTagName("variable");
        for (int i = 0; i < elements.getLength(); i++) {
            var variable = (Element) elements.item(i);
            variables.put(variable.getAttribute("name"), variable.getAttribute("defaultValue"));
        }
        return variables;
    }

    private static List<String> serverXmlFeatures() throws Exception {
        List<String> features = new ArrayList<>();
        var elements = serverXml().getElementsByTagName("feature");
        for (int i = 0; i < elements.getLength(); i++) {
            features.add(elements.item(i).getTextContent().strip());
        }
        return features;
    }

    private static Element serverXml() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(SERVER_XML.toFile()).getDocumentElement();
    }

    /**
     * The MicroProfile Config keys the service knows: those in microprofile-config.properties, set or shown
     * commented out (keys without a default, such as auth.admin.username), and those its sources inject.
     */
    private static Set<String> configKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        Pattern property = Pattern.compile("^#?([A-Za-z][A-Za-z0-9._-]*)\\s*=");
        for (String line : Files.readAllLines(CONFIG_PROPERTIES)) {
            Matcher m = property.matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        Pattern injected = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = injected.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }
}
