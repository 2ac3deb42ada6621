package dev.guardedtask.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule for the browser tests: skipped where chromium or chromedriver is missing, failed in CI. */
class ChromiumTest {

    @TempDir
    Path folder;

    private static final String MISSING = "Debian's chromium and chromium-driver are needed for the browser tests, "
            + "and %s is missing: install them with 'apt-get install chromium chromium-driver' (Debian 12), or run "
            + "'bash .ci/run', which does.";

    @Test
    void aMissingDriverSkipsTheTestNamingHowToInstallIt() throws IOException {
        Path driver = folder.resolve("chromedriver");

        assertThatThrownBy(() -> Chromium.require(executable("chromium"), driver, null))
                .isExactlyInstanceOf(TestAbortedException.class)
                .hasMessage(MISSING.formatted(driver));
    }

    @Test
    void aMissingBrowserFailsTheTestInCi() throws IOException {
        Path browser = folder.resolve("chromium");

        assertThatThrownBy(() -> Chromium.require(browser, executable("chromedriver"), "true"))
                .isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessage(MISSING.formatted(browser) + " CI=true: in CI these tests must run, not be skipped.");
    }

    @Test
    void bothPresentPass() throws IOException {
        assertThatCode(() -> Chromium.require(executable("chromium"), executable("chromedriver"), "true"))
                .doesNotThrowAnyException();
    }

    private Path executable(String name) throws IOException {
        return Files.createFile(folder.resolve(name), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
