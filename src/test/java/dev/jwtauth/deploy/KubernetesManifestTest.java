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
 * Keeps kubernetes.yaml true to the service it deploys and to what docs/operations.md says it does: the parsed
 * manifest's port, probes, settings and secret references are each compared with the file that defines them
 * (server.xml, microprofile-config.properties, the sources), so renaming a setting or changing a default there fails
 * here until the manifest follows; and its own values (instances, rollout, connection budget, trusted proxies,
 * credentials only from the Secret) are held to what the operations guide promises.
 */
class KubernetesManifestTest {

    private static final Path MANIFEST = Path.of("kubernetes.yaml");
    private static final Path SERVER_XML = Path.of("server.xml");
    private static final Path CONFIG_PROPERTIES = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path SOURCES = Path.of("src/main/java");

    /** The settings whose values are credentials: they must come from the Secret, never be written here. */
    private static final Set<String> SECRET_SETTINGS =
            Set.of("DB_PASSWORD", "AUTH_SIGNING_KEY_ENCRYPTION_KEY", "AUTH_ADMIN_PASSWORD", "AUTH_METRICS_PASSWORD");

    /** The pod network docs/operations.md says the manifest trusts as its ingress: kubeadm's with flannel. */
    private static final String DOCUMENTED_POD_NETWORK = "10.244.0.0/16";

    private static List<Map<String, Object>> documents;
    private static String manifestText;

    @BeforeAll
    static void readManifest() throws IOException {
        manifestText = Files.readString(MANIFEST);
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

    /**
     * Readiness asks MicroProfile Health's readiness path, which the service's database check answers; liveness
     * asks the liveness path, which only the signing-key check answers: a database outage takes instances out of
     * the Service but never restarts them (docs/operations.md, Kubernetes).
     */
    @Test
    void readinessAndLivenessAskTheHealthPathsOfTheServicesChecks() throws Exception {
        assertProbe("readinessProbe", "/health/ready");
        assertProbe("livenessProbe", "/health/live");
        int[] health = mpHealthVersion();
        assertTrue(health[0] >= 2, "server.xml enables mpHealth-" + health[0] + "." + health[1]
                + ", which has no /health/ready or /health/live");
        assertTrue(Class.forName("dev.jwtauth.health.DatabaseReadiness", false, loader())
                        .isAnnotationPresent(org.eclipse.microprofile.health.Readiness.class),
                "the database check no longer answers /health/ready, which the readiness probe asks");
        assertTrue(Class.forName("dev.jwtauth.health.SigningKeyLiveness", false, loader())
                        .isAnnotationPresent(org.eclipse.microprofile.health.Liveness.class),
                "the signing-key check no longer answers /health/live, which the liveness probe asks");
        assertFalse(Class.forName("dev.jwtauth.health.DatabaseReadiness", false, loader())
                        .isAnnotationPresent(org.eclipse.microprofile.health.Liveness.class),
                "the database check must not answer /health/live: an outage would restart every instance");
    }

    /** The readiness check may take a pooled connection's wait plus the database's answer; a shorter probe fails it. */
    @Test
    void theReadinessProbeWaitsLongerThanTheReadinessCheckMayTake() throws Exception {
        Map<String, Object> probe = map(container().get("readinessProbe"), "the readinessProbe");
        int probeTimeout = (Integer) probe.getOrDefault("timeoutSeconds", 1); // Kubernetes' default is 1 s
        String poolWait = serverXmlVariables().get("db.connection.timeout");
        assertNotNull(poolWait, "server.xml no longer declares db.connection.timeout");
        assertTrue(poolWait.matches("\\d+s"), "db.connection.timeout is not in whole seconds: " + poolWait);
        var checkTimeout = Class.forName("dev.jwtauth.health.DatabaseReadiness", false, loader())
                .getDeclaredField("TIMEOUT_SECONDS");
        checkTimeout.setAccessible(true);
        int longest = Integer.parseInt(poolWait.replace("s", "")) + checkTimeout.getInt(null);
        assertTrue(probeTimeout > longest, "the readiness probe gives up after " + probeTimeout
                + " s, but the check may take " + longest + " s (pool wait + database answer) on a slow database");
    }

    /** A start can take around 30 s on one CPU: the kubelet must allow about twice that before restarting it. */
    @Test
    void theStartupProbeAllowsAMinuteBeforeTheKubeletRestartsAStart() {
        Map<String, Object> probe = map(container().get("startupProbe"), "the startupProbe");
        int period = (Integer) probe.getOrDefault("periodSeconds", 10);
        int failures = (Integer) probe.getOrDefault("failureThreshold", 3);
        assertTrue(period * failures >= 60, "the startup probe allows only " + period * failures + " s for a start");
    }

    /** docs/operations.md: three instances; a rollout adds a ready one before it stops an old one. */
    @Test
    void threeInstancesRollOutWithoutLosingCapacity() {
        assertEquals(3, at(deployment(), "spec", "replicas"), "the Deployment no longer runs three instances");
        Map<String, Object> strategy = map(at(deployment(), "spec", "strategy"), "the Deployment's strategy");
        assertEquals("RollingUpdate", strategy.get("type"));
        Map<String, Object> rolling = map(strategy.get("rollingUpdate"), "the rollingUpdate");
        assertEquals(0, rolling.get("maxUnavailable"), "a rollout may stop an instance before its successor is ready");
        assertTrue(rolling.get("maxSurge") instanceof Integer surge && surge >= 1,
                "with maxUnavailable 0 a rollout needs a surge of at least one: " + rolling.get("maxSurge"));
    }

    /**
     * Each instance holds a pool of DB_POOL_MAX connections plus one listening connection, and a rollout runs the
     * surge on top of the replicas: all of that must stay below PostgreSQL's default max_connections (100).
     */
    @Test
    void everyInstanceAndItsPoolsFitPostgreSqlsDefaultConnectionLimit() throws Exception {
        int replicas = (Integer) at(deployment(), "spec", "replicas");
        int surge = (Integer) at(deployment(), "spec", "strategy", "rollingUpdate", "maxSurge");
        var poolSetting = envNamed("DB_POOL_MAX");
        String pool = poolSetting != null ? (String) poolSetting.get("value") : serverXmlVariables().get("db.pool.max");
        assertNotNull(pool, "neither the Deployment nor server.xml gives the pool size");
        int connections = (replicas + surge) * (Integer.parseInt(pool) + 1);
        assertTrue(connections < 100, "during a rollout " + (replicas + surge) + " instances may hold " + connections
                + " connections: more than PostgreSQL's default max_connections of 100");
    }

    /** The CPU limit is also how many password hashes an instance runs at once (max-concurrent-hashes=0). */
    @Test
    void aCpuLimitBoundsTheConcurrentPasswordHashes() {
        assertNotNull(map(at(container(), "resources", "limits"), "the container's limits").get("cpu"),
                "the container has no CPU limit, which is what bounds its concurrent password hashes");
        var hashes = envNamed("AUTH_PASSWORD_MAX_CONCURRENT_HASHES");
        assertTrue(hashes == null || "0".equals(hashes.get("value")),
                "AUTH_PASSWORD_MAX_CONCURRENT_HASHES is set, so the CPU limit no longer decides the hashing: " + hashes);
    }

    /** MicroProfile Health added /health/started in 3.1: an older feature would answer 404 and fail every start. */
    @Test
    void theStartupProbeAsksAPathTheServersHealthFeatureServes() throws Exception {
        assertProbe("startupProbe", "/health/started");
        int[] version = mpHealthVersion();
        int major = version[0];
        int minor = version[1];
        assertTrue(major > 3 || major == 3 && minor >= 1,
                "server.xml enables mpHealth-" + major + "." + minor + ", which has no /health/started for the startup probe");
    }

    /**
     * A name nothing reads is silently ignored: the instance starts with the default instead. Each name must be a
     * server.xml variable or a MicroProfile Config key in environment form (Liberty and MicroProfile Config both
     * map db.url and auth.signing.key-encryption-key so); a mention in the README reads nothing.
     */
    @Test
    void everyEnvironmentVariableIsASettingTheServiceReads() throws Exception {
        Set<String> serverVariables = environmentNames(serverXmlVariables().keySet());
        Set<String> configKeys = environmentNames(configKeys());
        for (Map<String, Object> env : containerEnv()) {
            String name = (String) env.get("name");
            assertTrue(serverVariables.contains(name) || configKeys.contains(name),
                    "the Deployment sets " + name + ", which is neither a server.xml variable nor a MicroProfile "
                            + "Config key (microprofile-config.properties or a @ConfigProperty)");
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
        for (String name : SECRET_SETTINGS) {
            assertNotNull(envNamed(name), "the Deployment no longer gives " + name);
        }
        for (Map<String, Object> env : containerEnv()) {
            String name = (String) env.get("name");
            Object valueFrom = env.get("valueFrom");
            if (isCredential(name)) {
                assertFalse(env.containsKey("value"), name + " is written into the manifest; it belongs in the Secret");
                assertNotNull(valueFrom, name + " does not come from the Secret");
                // a ConfigMap or a field of the pod is no secret: only a secretKeyRef keeps the value out of plain sight
                assertEquals(Set.of("secretKeyRef"), map(valueFrom, name + "'s valueFrom").keySet(),
                        name + " must come from a secretKeyRef, not " + valueFrom);
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

    /** The database URL is written here, so it must carry no credential of its own (the password is DB_PASSWORD). */
    @Test
    void theDatabaseUrlCarriesNoPassword() {
        String url = String.valueOf(envNamed("DB_URL").get("value")).toLowerCase(Locale.ROOT);
        assertFalse(url.contains("password="), "DB_URL holds a password: it belongs in the Secret");
        assertFalse(url.matches("jdbc:postgresql://[^/]*@.*"), "DB_URL holds user info: it belongs in the Secret");
    }

    /**
     * Without it every client is the ingress controller's one address, and the per-client limits count everyone.
     * docs/operations.md: the manifest trusts the pod network the controller runs in, 10.244.0.0/16 (kubeadm with
     * flannel); whatever a cluster sets instead must stay a private range, never "everyone".
     */
    @Test
    void theIngressControllersPodNetworkIsTheTrustedProxy() {
        var proxies = envNamed("AUTH_TRUSTED_PROXIES");
        assertNotNull(proxies, "AUTH_TRUSTED_PROXIES is not set");
        assertFalse(proxies.containsKey("valueFrom"), "AUTH_TRUSTED_PROXIES is no secret: write it in the manifest");
        String value = String.valueOf(proxies.get("value"));
        assertEquals(List.of(DOCUMENTED_POD_NETWORK), List.of(value.split(",")).stream().map(String::strip).toList(),
                "AUTH_TRUSTED_PROXIES is not the pod network docs/operations.md says the manifest trusts");
        for (String range : value.split(",")) {
            assertPrivateRange(range.strip());
        }
    }

    /** Behind the ingress's TLS the refresh cookie is Secure because the trusted ingress forwards the scheme. */
    @Test
    void nothingTurnsTheForwardedSchemeOff() {
        var secure = envNamed("AUTH_COOKIE_SECURE");
        assertTrue(secure == null || !"false".equalsIgnoreCase(String.valueOf(secure.get("value"))),
                "AUTH_COOKIE_SECURE=false: the refresh cookie would lose Secure behind the ingress's TLS");
    }

    /**
     * The ingress terminates TLS for the one public host, sends every path to the Service's HTTP port (never the pods'
     * HTTPS port, where /metrics is), and that host is the issuer: tokens name it, and discovery builds its URLs from
     * it instead of from each request.
     */
    @Test
    void theIngressTerminatesTlsForTheIssuersHostAndReachesTheServicesHttpPort() {
        var ingress = kind("Ingress");
        var spec = map(ingress.get("spec"), "the Ingress's spec");
        var rules = list(spec.get("rules"), "the Ingress's rules");
        assertEquals(1, rules.size(), "one public host");
        var rule = map(rules.get(0), "the Ingress's rule");
        String host = String.valueOf(rule.get("host"));
        var tls = list(spec.get("tls"), "the Ingress's tls");
        assertTrue(tls.stream().anyMatch(entry -> list(map(entry, "a tls entry").get("hosts"), "tls hosts").contains(host)
                        && map(entry, "a tls entry").get("secretName") != null),
                "the Ingress does not terminate TLS for " + host);
        for (Object path : list(at(rule, "http", "paths"), "the Ingress's paths")) {
            var backend = map(at(map(path, "an Ingress path"), "backend", "service"), "the backend service");
            assertEquals(at(service(), "metadata", "name"), backend.get("name"), "the backend is not the Service");
            var port = map(backend.get("port"), "the backend port");
            assertEquals("http", port.get("name"), "the Ingress must reach the Service's HTTP port");
        }
        var issuer = envNamed("AUTH_ISSUER");
        assertNotNull(issuer, "AUTH_ISSUER is not set: discovery would be built per request and tokens name no host");
        assertEquals("https://" + host, issuer.get("value"), "AUTH_ISSUER is not the Ingress's public host");
        assertTrue(list(at(service(), "spec", "ports"), "the Service's ports").stream()
                        .noneMatch(p -> "metrics".equals(map(p, "a Service port").get("targetPort"))),
                "the Service exposes the metrics port");
    }

    private static void assertPrivateRange(String range) {
        Matcher cidr = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?").matcher(range);
        assertTrue(cidr.matches(), "not an IPv4 address or CIDR range: " + range);
        int first = Integer.parseInt(cidr.group(1));
        int second = Integer.parseInt(cidr.group(2));
        int prefix = cidr.group(5) == null ? 32 : Integer.parseInt(cidr.group(5));
        boolean rfc1918 = first == 10 && prefix >= 8
                || first == 172 && second >= 16 && second <= 31 && prefix >= 12
                || first == 192 && second == 168 && prefix >= 16;
        assertTrue(rfc1918, range + " is not inside a private network (10/8, 172.16/12, 192.168/16): clients there"
                + " could name any address in X-Forwarded-For");
    }

    private static void assertProbe(String probe, String path) {
        Map<String, Object> httpGet = map(at(container(), probe, "httpGet"), "the " + probe + "'s httpGet");
        assertEquals(path, httpGet.get("path"), "the " + probe + " asks another path than " + path);
        Object port = httpGet.get("port");
        assertTrue(port instanceof String name && containerPortOrNull(name) != null,
                "the " + probe + " asks port " + port + ", not a port the container names");
    }

    // --- the manifest ---------------------------------------------------------------------------------------

    /** Names whose values are credentials, those listed and any other that looks like one. */
    private static boolean isCredential(String name) {
        return SECRET_SETTINGS.contains(name)
                || name.matches(".*(PASSWORD|SECRET|ENCRYPTION_KEY|PRIVATE_KEY)(_PREVIOUS)?");
    }

    private static ClassLoader loader() {
        return KubernetesManifestTest.class.getClassLoader();
    }

    private static int[] mpHealthVersion() throws Exception {
        String health = serverXmlFeatures().stream().filter(f -> f.startsWith("mpHealth-")).findFirst()
                .orElseGet(() -> fail("server.xml no longer enables mpHealth, which the probes ask"));
        String[] version = health.substring("mpHealth-".length()).split("\\.");
        return new int[]{Integer.parseInt(version[0]), version.length > 1 ? Integer.parseInt(version[1]) : 0};
    }

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
