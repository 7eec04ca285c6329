package dev.jwtauth.page;

import dev.jwtauth.support.ApiTest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser page at {@code /}, driven end to end in headless Chromium against the suite's server. Chromium and
 * chromedriver are Debian's ({@code apt-get install chromium chromium-driver}); Selenium Manager never downloads a
 * browser or a driver. Screenshots of each state land in {@code target/screenshots}.
 */
class PageIT extends ApiTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The classic tutorial token: {"name":"Odin"} signed with HS256 and the secret "theodinproject". */
    private static final String TUTORIAL_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJuYW1lIjoiT2RpbiJ9.FtLFoA9kG8B_gvKz0nEzx4uDYAlsgWhxTGEUfinYcf8";
    private static final String TUTORIAL_SECRET = "theodinproject";

    private static WebDriver driver;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM),
                "PageIT needs Chromium at " + CHROMIUM + ": apt-get install chromium chromium-driver");
        assertTrue(Files.isExecutable(CHROMEDRIVER),
                "PageIT needs chromedriver at " + CHROMEDRIVER + ": apt-get install chromium-driver");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("page-it-chromium");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1600");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
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

    /** A fresh page each time: the page keeps its tokens in memory only, so loading it signs out. */
    @BeforeEach
    void openThePage() {
        driver.manage().window().setSize(new Dimension(1280, 1600));
        driver.get(baseUri() + "/");
        waitFor().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
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
        Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow.intValue(), "no sideways scrolling on a phone");
        screenshot("phone", "debugger");
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
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})", byId(scrollToId));
        }
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }
}
