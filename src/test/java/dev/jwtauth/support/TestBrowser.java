package dev.jwtauth.support;

import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.chromium.ChromiumOptions;
import org.openqa.selenium.edge.EdgeDriver;
import org.openqa.selenium.edge.EdgeDriverService;
import org.openqa.selenium.edge.EdgeOptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.remote.service.DriverFinder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser of the page tests, found the way Selenium users expect: Selenium Manager looks for Chrome or Chromium
 * (then Edge) wherever it is installed, with its driver, and fetches one where the network allows. No path is
 * written here. Where none can be had, the page tests are skipped with one line saying how to get one, unless
 * {@value #REQUIRED_PROPERTY} (or {@value #REQUIRED_VARIABLE}) is true, as in CI: there a missing browser fails.
 */
public final class TestBrowser {

    public static final String REQUIRED_PROPERTY = "test.browser.required";
    public static final String REQUIRED_VARIABLE = "TEST_BROWSER_REQUIRED";

    /** Selenium Manager reports each failed download attempt as a warning; the outcome is reported here instead. */
    private static final Logger SELENIUM_MANAGER = Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");

    public enum Kind { CHROME, EDGE }

    public record Found(Kind kind, Path binary, Path driver, String version) {
        public String description() {
            return version + " at " + binary + ", driver " + driver + " (found by Selenium Manager)";
        }
    }

    private static Optional<Found> found;
    private static final List<String> failures = new ArrayList<>();

    private TestBrowser() {
    }

    public static synchronized Optional<Found> find() {
        if (found == null) {
            SELENIUM_MANAGER.setLevel(Level.SEVERE);
            found = look(Kind.CHROME).or(() -> look(Kind.EDGE));
        }
        return found;
    }

    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, System.getenv(REQUIRED_VARIABLE)));
    }

    /** The one line that says why there is no browser and how to have the page tests run. */
    public static synchronized String whyNone() {
        return "no Chrome, Chromium or Edge found by Selenium Manager (" + String.join("; ", failures)
                + "): install one (e.g. apt-get install chromium chromium-driver) to run the page tests; "
                + REQUIRED_VARIABLE + "=true makes a missing browser fail the run";
    }

    private static Optional<Found> look(Kind kind) {
        try {
            var finder = kind == Kind.CHROME
                    ? new DriverFinder(ChromeDriverService.createDefaultService(), new ChromeOptions())
                    : new DriverFinder(EdgeDriverService.createDefaultService(), new EdgeOptions());
            Path binary = Path.of(finder.getBrowserPath());
            Path driver = Path.of(finder.getDriverPath());
            if (!Files.isExecutable(binary) || !Files.isExecutable(driver)) {
                failures.add(kind.name().toLowerCase() + ": browser " + binary + ", driver " + driver + " not executable");
                return Optional.empty();
            }
            return Optional.of(new Found(kind, binary, driver, versionOf(kind, binary)));
        } catch (RuntimeException e) {
            // "Unable to obtain: chromedriver, error Command failed ...": the part before the command line says it
            failures.add(kind.name().toLowerCase() + ": " + firstLine(e.getMessage()).split(", error ")[0]);
            return Optional.empty();
        }
    }

    /** What the browser says of its version; its name alone where it says nothing (Chrome on Windows). */
    private static String versionOf(Kind kind, Path binary) {
        try {
            var process = new ProcessBuilder(binary.toString(), "--version")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor(20, TimeUnit.SECONDS)) {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                // the version line alone: a wrapper script may print more (Debian's chromium says where it looked)
                var version = output.lines().filter(line -> line.matches("(?i).*(chrom|edge).*\\d+\\..*")).findFirst();
                if (process.exitValue() == 0 && version.isPresent()) {
                    return version.get().strip();
                }
            } else {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            // fall through to the name
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return kind == Kind.CHROME ? "Chrome/Chromium" : "Edge";
    }

    /** Starts the found browser headless with these arguments; {@code customize} sets further options. */
    public static ChromiumDriver start(Found browser, List<String> arguments, Consumer<ChromiumOptions<?>> customize) {
        if (browser.kind() == Kind.EDGE) {
            var options = new EdgeOptions();
            options.setBinary(browser.binary().toFile());
            options.addArguments(arguments);
            customize.accept(options);
            var service = new EdgeDriverService.Builder().usingDriverExecutable(browser.driver().toFile())
                    .usingAnyFreePort().build();
            return new EdgeDriver(service, options);
        }
        var options = new ChromeOptions();
        options.setBinary(browser.binary().toFile());
        options.addArguments(arguments);
        customize.accept(options);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(browser.driver().toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String firstLine(String text) {
        return text == null ? "no message" : text.lines().findFirst().orElse("").strip();
    }
}
