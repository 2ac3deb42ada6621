package dev.guardedtask.console;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Debian's headless {@code chromium}, driven through Debian's {@code chromedriver} (both named explicitly, so
 * Selenium Manager downloads nothing), with the flags this machine's closed network needs and a fresh profile.
 * Where either is missing, the tests are skipped, naming how to install them, except in CI ({@code CI=true}),
 * where they fail: the same rule as test-support's {@code SystemRedis}.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** The window size of every test, so screenshots are alike from run to run. */
    static final Dimension WINDOW = new Dimension(1280, 860);

    private static final AtomicBoolean told = new AtomicBoolean();

    private Chromium() {
    }

    /** Skips the calling test class (fails it with {@code CI=true}) where chromium or chromedriver is missing. */
    static void require() {
        try {
            require(BINARY, DRIVER, System.getenv("CI"));
        } catch (TestAbortedException e) {
            if (!told.getAndSet(true)) { // Maven counts skipped tests but does not say why: say it once
                System.err.println("[guardedtask] Tests skipped: " + e.getMessage());
            }
            throw e;
        }
    }

    static void require(Path binary, Path driver, String ci) {
        for (Path path : new Path[] {binary, driver}) {
            if (!Files.isExecutable(path)) {
                String why = "Debian's chromium and chromium-driver are needed for the browser tests, and " + path
                        + " is missing: install them with 'apt-get install chromium chromium-driver' (Debian 12), "
                        + "or run 'bash .ci/run', which does.";
                if ("true".equals(ci)) {
                    Assertions.fail(why + " CI=true: in CI these tests must run, not be skipped.");
                }
                Assumptions.abort(why);
            }
        }
    }

    /** A new headless browser with an empty profile under {@code folder}; the caller quits it. */
    static ChromeDriver start(Path folder) {
        try {
            Path profile = Files.createDirectories(folder.resolve("chromium-profile"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY.toFile());
            // an alert stays open, so a test can see it (the default dismisses it)
            options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                    .withTimeout(Duration.ofSeconds(30)).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
            driver.manage().window().setSize(WINDOW);
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
