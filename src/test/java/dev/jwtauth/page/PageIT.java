package dev.jwtauth.page;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.RequiresBrowser;
import dev.jwtauth.support.TestBrowser;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser page at {@code /}, driven end to end in a headless Chrome, Chromium or Edge that Selenium Manager finds
 * ({@link TestBrowser}; skipped with a line saying why where there is none, failed instead where the run requires a
 * browser, as CI does). Screenshots of each state land in {@code target/screenshots}.
 *
 * <p>The page signs in in the service's browser cookie mode: the access token stays in memory, the refresh token in
 * an httpOnly cookie. The suite's server answers as {@code http://localhost:<port>} (the page's origin) and as
 * {@code http://127.0.0.1:<port>}, which the browser treats as another site.
 */
@ExtendWith(RequiresBrowser.class)
class PageIT extends ApiTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Over plain HTTP the cookie has no {@code __Secure-} prefix; matching the end covers both names. */
    private static final String REFRESH_COOKIE = "jwt-auth-refresh";

    /** A page of another site that sends no Content-Security-Policy, so nothing in the browser stops its forms. */
    private static final String PAGE_WITHOUT_A_POLICY = "data:text/html,<title>another%20site</title><p>another%20site";

    /** The classic tutorial token: {"name":"Odin"} signed with HS256 and the secret "theodinproject". */
    private static final String TUTORIAL_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJuYW1lIjoiT2RpbiJ9.FtLFoA9kG8B_gvKz0nEzx4uDYAlsgWhxTGEUfinYcf8";
    private static final String TUTORIAL_SECRET = "theodinproject";

    private static ChromiumDriver driver;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        var browser = TestBrowser.find();
        assertTrue(browser.isPresent(), "PageIT: " + TestBrowser.whyNone());
        profile = Files.createTempDirectory("page-it-browser");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL); // the console, where the browser reports CSP refusals
        driver = TestBrowser.start(browser.get(), List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                        "--window-size=1280,1600"),
                options -> options.setCapability(ChromeOptions.LOGGING_PREFS, logging));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * A fresh, signed-out page each time: no refresh cookie from an earlier test, so the page's silent refresh finds
     * no session, and an empty console log, so a test reads only what its own page wrote.
     */
    @BeforeEach
    void openThePage() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browserLog();
        driver.manage().window().setSize(new Dimension(1280, 1600));
        openPage();
    }

    @Test
    void registerAndSignInShowTheTokenInBodyAndHeader() {
        String username = uniqueName("page");
        type("username", username);
        type("password", PASSWORD);
        click("register");
        waitForStatus("auth-result", "201");
        click("login");
        waitForStatus("auth-result", "200");
        waitFor().until(d -> d.findElement(By.id("token-source")).isDisplayed());

        String fromBody = text("token-body");
        String fromHeader = text("token-header");
        assertTrue(fromBody.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"), "a JWS compact token: " + fromBody);
        assertEquals("Bearer " + fromBody, fromHeader);
        assertEquals("true", byId("token-match").getDomAttribute("data-match"));
        assertTrue(text("session-state").contains(username));
        screenshot("signed-in", "auth");
    }

    @Test
    void decodesTheCurrentToken() {
        String username = signIn();
        click("use-current");
        waitForText("debug-signature", "signature verified");

        JsonObject header = json(text("debug-header"));
        JsonObject payload = json(text("debug-payload"));
        assertEquals("RS256", header.getString("alg"));
        assertFalse(header.getString("kid").isBlank());
        assertEquals(username, payload.getString("upn"));
        assertTrue(text("debug-expiry").startsWith("expires in"), text("debug-expiry"));
        screenshot("token-decoded", "debugger");
    }

    @Test
    void tutorialTokenVerifiesWithItsSecret() {
        type("debug-token", TUTORIAL_TOKEN);
        type("debug-secret", TUTORIAL_SECRET);
        waitForText("debug-signature", "signature verified");
        assertEquals("Odin", json(text("debug-payload")).getString("name"));
        assertEquals("HS256", json(text("debug-header")).getString("alg"));
        screenshot("tutorial-verified", "debugger");
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        type("debug-token", TUTORIAL_TOKEN);
        type("debug-secret", TUTORIAL_SECRET + "!");
        waitForText("debug-signature", "invalid signature");
        screenshot("wrong-secret", "debugger");
    }

    @Test
    void oneChangedPayloadCharacterIsAnInvalidSignature() {
        String[] parts = TUTORIAL_TOKEN.split("\\.");
        String odim = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"name\":\"Odim\"}".getBytes(StandardCharsets.UTF_8));
        type("debug-token", parts[0] + "." + odim + "." + parts[2]);
        type("debug-secret", TUTORIAL_SECRET);
        waitForText("debug-signature", "invalid signature");
        assertEquals("Odim", json(text("debug-payload")).getString("name"));

        // the same through the page's own editor: re-encoded with the original signature
        click("use-example");
        waitForText("debug-signature", "signature verified");
        driver.findElement(By.cssSelector("#tamper summary")).click();
        WebElement editor = byId("payload-editor");
        editor.clear();
        editor.sendKeys("{\"name\":\"Loki\"}");
        click("reencode");
        waitForText("debug-signature", "invalid signature");
        assertEquals("Loki", json(text("debug-payload")).getString("name"));
        screenshot("tampered", "debugger");
    }

    @Test
    void callMeIs200WithTheUsername() {
        String username = signIn();
        click("call-me");
        waitForStatus("call-result", "200");
        assertTrue(text("call-result").contains("\"username\": \"" + username + "\""), text("call-result"));
        screenshot("call-me", "api");
    }

    @Test
    void adminCallIs403ForAUser() {
        signIn();
        click("call-admin");
        waitForStatus("call-result", "403");
        assertTrue(text("call-result").contains("application/problem+json"), text("call-result"));
        screenshot("call-admin", "api");
    }

    @Test
    void callWithoutTokenIs401() {
        click("call-anonymous");
        waitForStatus("call-result", "401");
        assertTrue(text("call-result").toLowerCase().contains("www-authenticate"), text("call-result"));
        screenshot("call-anonymous", "api");
    }

    @Test
    void refreshReplacesBothTokens() {
        signIn();
        click("use-current");
        String before = byId("debug-token").getDomProperty("value");
        click("refresh");
        waitForStatus("session-result", "200");
        waitFor().until(d -> !before.equals(d.findElement(By.id("debug-token")).getDomProperty("value")));
        assertEquals("true", byId("session-state").getDomAttribute("data-signed-in"));
        assertTrue(byId("call-old-token").isEnabled());
    }

    @Test
    void afterLogoutTheOldTokenIs401() {
        signIn();
        click("list-sessions");
        waitFor().until(d -> !d.findElements(By.cssSelector("#sessions li.current")).isEmpty());
        screenshot("sessions", "session");

        click("logout");
        waitForStatus("session-result", "204");
        assertEquals("false", byId("session-state").getDomAttribute("data-signed-in"));
        click("call-old-token");
        waitForStatus("session-result", "401");
        assertEquals("GET /api/me", byId("session-result").getDomAttribute("data-request"));
        screenshot("old-token-refused", "session");
    }

    @Test
    void fitsAPhoneScreen() {
        driver.manage().window().setSize(new Dimension(390, 844));
        click("use-example");
        waitForText("debug-signature", "signature verified");
        Number overflow = (Number) script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow.intValue(), "no sideways scrolling on a phone");
        screenshot("phone", "debugger");
    }

    @Test
    void twoTabsRefreshOneAtATimeAndBothStaySignedIn() {
        String username = signIn();
        String first = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            openPage(); // the second tab resumes the session with the shared refresh cookie
            assertSignedInAs(username);
            // the second tab holds the page's refresh lock, as it would while refreshing
            script("navigator.locks.request('jwt-auth-refresh',"
                    + " () => new Promise(done => { window.releaseRefresh = done; }));");
            waitFor().until(d -> "function".equals(script("return typeof window.releaseRefresh")));

            driver.switchTo().window(first);
            click("refresh");
            // the first tab waits for its turn instead of spending the cookie the other tab is spending
            sleepMillis(1500);
            assertEquals("", byId("session-result").getDomAttribute("data-status"), () -> text("session-result"));

            driver.switchTo().window(secondTab(first));
            script("window.releaseRefresh();");
            driver.switchTo().window(first);
            waitForStatus("session-result", "200");
            assertSignedInAs(username);
            driver.switchTo().window(secondTab(first));
            reload();
            assertSignedInAs(username);
        } finally {
            for (String handle : driver.getWindowHandles()) {
                if (!handle.equals(first)) {
                    driver.switchTo().window(handle).close();
                }
            }
            driver.switchTo().window(first);
        }
    }

    private static String secondTab(String first) {
        return driver.getWindowHandles().stream().filter(handle -> !handle.equals(first)).findFirst().orElseThrow();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aReloadKeepsTheUserSignedIn() {
        String username = signIn();
        reload();
        assertSignedInAs(username);
        click("call-me");
        waitForStatus("call-result", "200");
        assertTrue(text("call-result").contains("\"username\": \"" + username + "\""), text("call-result"));
        screenshot("signed-in-after-reload", "auth");
    }

    @Test
    void scriptsCannotReadTheRefreshToken() {
        signIn();
        Map<String, Object> cookie = refreshCookie()
                .orElseThrow(() -> new AssertionError("no refresh cookie after sign-in"));
        assertEquals(Boolean.TRUE, cookie.get("httpOnly"), cookie::toString);
        assertEquals("Strict", cookie.get("sameSite"), cookie::toString);
        assertEquals("/api/auth", cookie.get("path"), cookie::toString);
        assertScriptsSeeNoToken(String.valueOf(cookie.get("value")));
        assertEquals(0, ((Number) script("return localStorage.length + sessionStorage.length")).intValue(),
                "nothing in localStorage or sessionStorage");
        screenshot("storage-note", "storage-note");

        // a document under /api/auth, where the cookie's path matches, cannot read it either: only httpOnly hides it
        driver.get(baseUri() + "/api/auth/refresh");
        assertScriptsSeeNoToken(String.valueOf(cookie.get("value")));
    }

    @Test
    void afterSignOutAReloadStaysSignedOut() {
        signIn();
        click("logout");
        waitForStatus("session-result", "204");
        assertTrue(refreshCookie().isEmpty(), () -> "sign-out clears the refresh cookie: " + refreshCookie());
        reload();
        assertSignedOut();
        screenshot("signed-out-after-reload", "auth");
    }

    /**
     * What a real browser does with a cross-site form: it gets no token and ends nothing. Several walls stand in its
     * way before the service's origin check (the service's own pages allow forms to 'self' only, SameSite=Strict
     * withholds the cookie, a form can send neither JSON nor the custom header), so this test does not show that
     * check at work; CookieModeIT does, with requests that
     * pass every other gate and differ only in their Origin
     * ({@code aCookieRefreshThatDiffersOnlyInItsForeignOriginIsRefusedByTheOriginCheck}).
     */
    @Test
    void aFormOnAnotherOriginCannotRefreshOrSignOut() {
        String username = signIn();
        String anotherSite = baseUri().replace("://localhost:", "://127.0.0.1:") + "/";
        for (String foreignPage : List.of(anotherSite, PAGE_WITHOUT_A_POLICY)) {
            for (String endpoint : List.of("/api/auth/refresh", "/api/auth/logout")) {
                driver.get(foreignPage);
                String answer = postAFormFromThisPage(baseUri() + endpoint);
                assertFalse(answer.contains("\"access_token\""),
                        () -> "a form on " + foreignPage + " got a token from " + endpoint + ": " + answer);
            }
        }
        screenshot("cross-site-form-refused", null);

        // neither post spent the refresh cookie nor ended the session: the silent refresh still signs in
        openPage();
        assertSignedInAs(username);
    }

    @Test
    void thePageRunsUnderItsContentSecurityPolicyWithoutViolations() {
        String policy = api().get("/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertTrue(policy != null && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"),
                "the page is served under a strict policy: " + policy);
        String username = signIn();
        click("use-current");
        waitForText("debug-signature", "signature verified");
        click("call-me");
        waitForStatus("call-result", "200");
        reload();
        assertSignedInAs(username);

        List<String> refusals = browserLog().stream()
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
        assertEquals(List.of(), refusals, "the browser refused nothing the page did");
    }

    // -----------------------------------------------------------------------------------------------------------

    /** Registers through the API, signs in through the page; returns the username. */
    private static String signIn() {
        String username = uniqueName("page");
        register(username);
        type("username", username);
        type("password", PASSWORD);
        click("login");
        waitForStatus("auth-result", "200");
        waitFor().until(d -> "true".equals(d.findElement(By.id("session-state")).getDomAttribute("data-signed-in")));
        return username;
    }

    private static void openPage() {
        driver.get(baseUri() + "/");
        waitUntilReady();
    }

    private static void reload() {
        driver.navigate().refresh();
        waitUntilReady();
    }

    /** The page marks its body ready once its silent refresh has answered: signed in again, or signed out. */
    private static void waitUntilReady() {
        waitFor().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static void assertSignedInAs(String username) {
        assertEquals("true", byId("session-state").getDomAttribute("data-signed-in"), () -> text("session-state"));
        assertTrue(text("session-state").startsWith("Signed in as " + username), text("session-state"));
        assertTrue(byId("call-me").isEnabled());
    }

    /** Signed out, and quietly: a missing or refused refresh cookie is no error to show. */
    private static void assertSignedOut() {
        assertEquals("false", byId("session-state").getDomAttribute("data-signed-in"), () -> text("session-state"));
        assertEquals("Signed out", text("session-state"));
        assertFalse(byId("auth-message").isDisplayed(), () -> text("auth-message"));
        assertFalse(byId("call-me").isEnabled());
    }

    /** The refresh cookie as the browser holds it; DevTools sees httpOnly cookies, which scripts never do. */
    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> refreshCookie() {
        var cookies = (List<Map<String, Object>>) driver.executeCdpCommand("Network.getCookies",
                Map.of("urls", List.of(baseUri() + "/api/auth/refresh"))).get("cookies");
        return cookies.stream()
                .filter(cookie -> String.valueOf(cookie.get("name")).endsWith(REFRESH_COOKIE))
                .findFirst();
    }

    private static void assertScriptsSeeNoToken(String refreshToken) {
        String visible = (String) script("return document.cookie");
        assertFalse(visible.contains(REFRESH_COOKIE), visible);
        assertFalse(visible.contains(refreshToken), visible);
        assertFalse(visible.contains("eyJ"), () -> "no JWT in document.cookie: " + visible);
    }

    /**
     * Posts a plain HTML form from the current page (another site) to the service, as a cross-site request forgery
     * would, and returns what the browser shows then: the service's answer, or the same page when the browser itself
     * refused to send the form (the page's CSP form-action). Either refusal will do; no token may come back.
     */
    private static String postAFormFromThisPage(String action) {
        script("""
                window.formRefused = false;
                document.addEventListener('securitypolicyviolation', () => { window.formRefused = true; });
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                document.body.append(form);
                setTimeout(() => form.submit(), 0);
                """, action);
        waitFor().ignoring(WebDriverException.class)
                .withMessage(() -> "the form to " + action + " to be answered or refused (a 204 leaves the page"
                        + " as it was: did the service accept a cross-site post?)")
                .until(d -> action.equals(d.getCurrentUrl())
                        || Boolean.TRUE.equals(script("return window.formRefused")));
        if (!action.equals(driver.getCurrentUrl())) {
            return ""; // the browser refused to send the form (the foreign page's form-action policy): nothing went out
        }
        waitFor().ignoring(WebDriverException.class)
                .until(d -> "complete".equals(script("return document.readyState")));
        return driver.getPageSource();
    }

    /** What the page wrote to the console since the last call (reading the log empties it). */
    private static List<String> browserLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    private static Object script(String source, Object... arguments) {
        return driver.executeScript(source, arguments);
    }

    private static WebDriverWait waitFor() {
        return new WebDriverWait(driver, WAIT);
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static String text(String id) {
        return byId(id).getText();
    }

    private static void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    private static void click(String id) {
        WebElement button = byId(id);
        waitFor().until(d -> button.isEnabled());
        button.click();
    }

    private static void waitForText(String id, String expected) {
        waitFor().withMessage(() -> "#" + id + " to read \"" + expected + "\" but it reads \"" + text(id) + "\"")
                .until(d -> expected.equals(d.findElement(By.id(id)).getText()));
    }

    /** The page sets data-status on a result area when the answer has come (it clears it when a call starts). */
    private static void waitForStatus(String id, String status) {
        waitFor().withMessage(() -> "#" + id + " to show status " + status + ": " + text(id))
                .until(d -> {
                    String shown = d.findElement(By.id(id)).getDomAttribute("data-status");
                    return shown != null && !shown.isEmpty() && !shown.equals("pending") ? shown : null;
                });
        assertEquals(status, byId(id).getDomAttribute("data-status"), () -> text(id));
    }

    private static JsonObject json(String text) {
        return jakarta.json.Json.createReader(new StringReader(text)).readObject();
    }

    private static void screenshot(String name, String scrollToId) {
        if (scrollToId != null) {
            script("arguments[0].scrollIntoView({block: 'start'})", byId(scrollToId));
        }
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }
}
