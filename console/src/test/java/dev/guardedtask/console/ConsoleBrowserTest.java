package dev.guardedtask.console;

import dev.guardedtask.TaskError;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskOptions;
import dev.guardedtask.testsupport.MutableClock;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless browser (Debian's chromium through Selenium), on a real Redis with runs made
 * by real guards on a clock the test moves: what a person sees, and what a click does.
 */
class ConsoleBrowserTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    static Path folder;

    private static ChromeDriver browser;

    private static final String DAY = TestClocks.TODAY;
    private static final String YESTERDAY = "20261127";
    private static final String TOKEN = "browser-test-token-0123456789";
    private static final String XSS = "<img src=x onerror=alert(1)>";
    /**
     * Where the screenshots go: {@code target/screenshots}, or the folder {@code -Dguardedtask.screenshots=...}
     * names, such as {@code ../docs/images} to refresh the documentation's (docs/testing.md).
     */
    private static final Path IMAGES = Path.of(System.getProperty("guardedtask.screenshots", "target/screenshots"));

    private final MutableClock clock = TestClocks.mutable();
    private final CountDownLatch release = new CountDownLatch(1);
    private TaskGuard worker1;
    private TaskGuard worker2;
    private ConsoleServer console;
    private Thread holder;

    @BeforeAll
    static void startBrowser() {
        Chromium.require();
        browser = Chromium.start(folder);
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void start() {
        worker1 = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-1").build();
        worker2 = TaskGuard.builder().redisson(redis.client()).clock(clock).workerName("worker-2").build();
        console = console(false);
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (holder != null) {
            holder.join(10_000);
        }
        console.close();
        worker1.close();
        worker2.close();
    }

    @Test
    void theOverviewShowsEachTasksLastRunCountsAndWhatRunsNow() throws Exception {
        worker1.run(TaskOptions.daily("task_daily_report"), YESTERDAY, result -> result.add("rows", 120));
        worker1.run(TaskOptions.daily("task_daily_report"), DAY, result -> result.add("rows", 118));
        worker2.run(TaskOptions.daily("task_daily_report"), DAY, result -> { }); // already_completed
        failImport(worker2, DAY);
        worker1.run(TaskOptions.recurring("task_odds"), DAY, result -> result.increment("odds"));
        worker2.run(TaskOptions.recurring("task_odds"), DAY, result -> result.increment("odds"));
        hold(worker2, "task_export");
        redis.set("lock:task_legacy:" + DAY, "ab12cd34", Duration.ofMinutes(5)); // a Python worker's: no history
        redis.set("success:task_legacy:" + YESTERDAY, "completed", Duration.ofDays(1));
        clock.advance(Duration.ofSeconds(95));

        open("");

        assertThat(rows("tasks")).extracting(r -> r.get("c0"))
                .containsExactly("task_daily_report", "task_export", "task_import", "task_legacy", "task_odds");
        Map<String, String> report = row("tasks", "task_daily_report");
        assertThat(report.get("last-run")).isEqualTo("success 2026-11-28 10:15:30 UTC (1m 35s ago)");
        assertThat(report.get("successes")).isEqualTo("2");
        assertThat(report.get("failures")).isEqualTo("0");
        assertThat(report.get("skips")).isEqualTo("already_completed 1");
        assertThat(report.get("completed")).isEqualTo(DAY + ", " + YESTERDAY);
        assertThat(row("tasks", "task_import").get("last-run"))
                .isEqualTo("failed 2026-11-28 10:15:30 UTC (1m 35s ago)");
        assertThat(row("tasks", "task_import").get("failures")).isEqualTo("1");
        assertThat(row("tasks", "task_odds").get("successes")).isEqualTo("2");
        assertThat(row("tasks", "task_export").get("running"))
                .matches(DAY + " on worker-2, running 1m 35s, [0-5]m \\d{2}s left");
        Map<String, String> legacy = row("tasks", "task_legacy");
        assertThat(legacy.get("last-run")).isEqualTo("no run recorded");
        assertThat(legacy.get("running")).matches(DAY + " worker unknown \\(records no history\\), [0-5]m \\d{2}s left");
        assertThat(legacy.get("completed")).isEqualTo(YESTERDAY);
        assertThat(rows("locks")).extracting(r -> r.get("c0")).containsExactly("task_export", "task_legacy");
        assertThat(row("locks", "task_legacy").get("c4")).isEqualTo("unknown (records no history)");
        Map<String, String> lock = row("locks", "task_export");
        assertThat(List.of(lock.get("c0"), lock.get("key"), lock.get("c2"), lock.get("c4"), lock.get("c5")))
                .containsExactly("task_export", "", DAY, "worker-2", "1m 35s (since 2026-11-28 10:15:30 UTC)");
        assertThat(lock.get("c3")).matches("[0-9a-f]{8}");
        assertThat(lock.get("time-left")).matches("[0-5]m \\d{2}s");
        screenshot("console-tasks.png");
    }

    @Test
    void aTasksRunsShowErrorsWarningsAndCountersAsTextNeverAsHtml() throws Exception {
        worker1.run(TaskOptions.daily("task_import"), YESTERDAY, result -> {
            clock.advance(Duration.ofSeconds(12));
            result.add("rows", 3);
            result.add("skipped", 1);
            result.warn("1 row had no date");
        });
        failImport(worker2, DAY);
        clock.advance(Duration.ofSeconds(20));

        open("#task=task_import");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("runs").size() == 2);

        Map<String, String> failed = rows("runs").get(0);
        Map<String, String> succeeded = rows("runs").get(1);
        assertThat(failed.get("status-cell")).isEqualTo("failed");
        assertThat(failed.get("reason")).isEqualTo("bad_input");
        assertThat(failed.get("worker")).isEqualTo("worker-2");
        assertThat(failed.get("errors")).isEqualTo(XSS);
        assertThat(failed.get("warnings")).isEqualTo(XSS + " in a warning");
        assertThat(failed.get("counters")).isEqualTo("rows = 7");
        assertThat(succeeded.get("status-cell")).isEqualTo("success");
        assertThat(succeeded.get("counters")).isEqualTo("rows = 3\nskipped = 1");
        assertThat(succeeded.get("warnings")).isEqualTo("1 row had no date");
        assertThat(succeeded.get("lock")).isEqualTo("released");
        assertThat(succeeded.get("c8")).as("duration").isEqualTo("12s");
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("console-runs.png");
    }

    @Test
    void aWriteMadeWithTheTokenTakesEffectAndIsRecordedWithWhoMadeIt() {
        worker1.run(TaskOptions.daily("task_daily_report"), DAY, result -> { });
        open("#task=task_daily_report");
        useToken(TOKEN, "Zoë 张");

        write("forget", "Forget that task_daily_report completed " + DAY + " (its next call for that date runs it)?");

        awaitMessage("ok", "Task 'task_daily_report' is no longer completed for " + DAY
                + ": its next call for that date runs it.");
        assertThat(redis.get("success:task_daily_report:" + DAY)).isNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rows("runs").stream().anyMatch(r -> r.get("action").equals("forget")));
        Map<String, String> entry = rows("runs").get(0);
        assertThat(entry.get("action")).isEqualTo("forget");
        assertThat(entry.get("date")).isEqualTo(DAY);
        assertThat(entry.get("by")).isEqualTo("Zoë 张");
    }

    @Test
    void aLiveLockIsReleasedOnlyWithForceAndItsReleaseButtonSaysSoWithoutAsking() throws Exception {
        hold(worker2, "task_export");
        redis.set("lock:task_legacy:" + DAY, "ab12cd34", Duration.ofMinutes(5)); // a Python worker's: age unknown
        open("");
        useToken(TOKEN, "bob");

        click("locks", "task_legacy", "release");
        awaitMessage("error", "The lock of task_legacy for " + DAY + " looks alive (its worker records no history, "
                + "so its age is unknown): a release would be refused. Use Force release if its worker is gone.");
        assertThat(browser.findElement(By.id("confirm")).isDisplayed()).isFalse();
        click("locks", "task_export", "release");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("message")).getText()
                .contains("task_export"));
        assertThat(browser.findElement(By.id("message")).getText()).matches("The lock of task_export for " + DAY
                + " looks alive \\(renewed \\d+ms ago, within the last half of its \\d+m \\d{2}s lock timeout\\): a "
                + "release would be refused\\. Use Force release if its worker is gone\\.");
        assertThat(browser.findElement(By.id("confirm")).isDisplayed()).isFalse();
        assertThat(redis.get("lock:task_export:" + DAY)).isNotNull();
        assertThat(redis.get("lock:task_legacy:" + DAY)).isEqualTo("ab12cd34");

        click("locks", "task_export", "force-release");
        confirm("Force the release of the lock of task_export for " + DAY + "?");
        awaitMessage("ok", "Released the lock of task 'task_export' for " + DAY + ".");
        assertThat(redis.get("lock:task_export:" + DAY)).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("locks").size() == 1);
        assertThat(rows("locks")).extracting(r -> r.get("c0")).containsExactly("task_legacy");
    }

    @Test
    void withNoTaskTheOverviewSaysWhereItLookedAndATaskWhoseOnlyRunIsInProgressSaysSo() throws Exception {
        open("");
        assertThat(browser.findElement(By.id("tasks-empty")).getText()).isEqualTo("No task found under this console's "
                + "key prefix (keys lock:*, success:*, history:*, stats:* after it). Guards with a key prefix need the "
                + "console started with --key-prefix, e.g. the example's: --key-prefix guardedtask-example:");

        hold(worker2, "task_export");
        open("#task=task_export");

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("runs-empty")).isDisplayed());
        assertThat(browser.findElement(By.id("runs-empty")).getText())
                .isEqualTo("No finished run recorded yet (a run is in progress).");
        open("#task=task_legacy");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("runs-empty")).getText()
                .startsWith("No history"));
        assertThat(browser.findElement(By.id("runs-empty")).getText()).isEqualTo("No history for this task (its "
                + "workers may record none: Python workers, guards with history off).");
    }

    @Test
    void theWriteFormRefusesAnEmptyDateBeforeAnyRequest() {
        open("#task=task_daily_report");
        useToken(TOKEN, "bob");

        for (String action : List.of("release", "forget", "complete")) {
            browser.executeScript("document.getElementById('message').textContent = '';");
            browser.findElement(By.id("write-" + action)).click();
            awaitMessage("error", "Enter the date, YYYYMMDD");
            assertThat(browser.findElement(By.id("confirm")).isDisplayed()).isFalse();
        }
        assertThat(historyLength("task_daily_report")).isZero();
        assertThat(redis.client().getKeys().count()).isZero();
    }

    @Test
    void aWriteWithoutTheTokenIsRefusedAndChangesNothing() {
        worker1.run(TaskOptions.daily("task_daily_report"), YESTERDAY, result -> { });
        long entries = historyLength("task_daily_report");
        open("#task=task_daily_report");

        write("complete", "Mark task_daily_report completed for " + DAY + " (calls for that date skip)?");

        awaitMessage("error", "This write needs the console's token (printed at start, or given with --token or "
                + "$GUARDEDTASK_CONSOLE_TOKEN): paste it into the token field, or send it as 'Authorization: Bearer "
                + "TOKEN'");
        assertThat(browser.findElement(By.id("token-state")).getText()).isEqualTo("no token: writes will be refused");
        assertThat(redis.get("success:task_daily_report:" + DAY)).isNull();
        assertThat(historyLength("task_daily_report")).isEqualTo(entries);
    }

    @Test
    void readOnlyShowsNoWriteControls() throws Exception {
        console.close();
        console = console(true);
        worker1.run(TaskOptions.daily("task_daily_report"), DAY, result -> { });
        hold(worker2, "task_export");

        open("#task=task_daily_report");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("locks").size() == 1 && rows("runs").size() == 1);

        assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read-only");
        assertThat(browser.findElements(By.tagName("button")).stream().filter(WebElement::isDisplayed)).isEmpty();
        assertThat(browser.findElements(By.tagName("input")).stream().filter(WebElement::isDisplayed)
                .map(input -> input.getAttribute("id"))).containsExactly("filter-date", "filter-key", "filter-limit");
    }

    @Test
    void aRunMadeAfterThePageLoadedAppearsWithoutReloadingIt() throws Exception {
        worker1.run(TaskOptions.daily("task_daily_report"), YESTERDAY, result -> { });
        hold(worker2, "task_export");
        open("");
        assertThat(row("tasks", "task_daily_report").get("successes")).isEqualTo("1");
        assertThat(row("tasks", "task_export").get("running")).startsWith(DAY + " on worker-2, running 0ms, ");
        browser.executeScript("window.loadedOnce = 'yes';");

        worker1.run(TaskOptions.daily("task_daily_report"), DAY, result -> { });
        clock.advance(Duration.ofSeconds(61));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(row("tasks", "task_daily_report").get("successes")).isEqualTo("2");
            assertThat(row("tasks", "task_export").get("running"))
                    .startsWith(DAY + " on worker-2, running 1m 01s, ");
        });
        assertThat(browser.executeScript("return window.loadedOnce;")).isEqualTo("yes");
    }

    private ConsoleServer console(boolean readOnly) {
        return ConsoleServer.builder(worker1.operator()).port(0).token(TOKEN).readOnly(readOnly).clock(clock).start();
    }

    @Test
    void aKeyedLockIsListedWithItsKeyAndReleasedFromThePageLeavingTheOtherKeysLock() throws Exception {
        redis.set("lock:task_sync#tenant-1:" + DAY, "ab12cd34", Duration.ofMinutes(5));
        redis.set("lock:task_sync#tenant-2:" + DAY, "cd34ef56", Duration.ofMinutes(5));
        redis.client().<String, String>getStream("history:task_sync", StringCodec.INSTANCE).add(
                StreamAddArgs.entries(Map.of("kind", "run", "date", DAY, "key", "tenant-2",
                        "task_id", "00000001", "status", "success")));
        open("#task=task_sync");
        useToken(TOKEN, "bob");

        await().atMost(Duration.ofSeconds(10)).until(() -> rows("locks").size() == 2);
        assertThat(rows("locks")).extracting(r -> r.get("c0"), r -> r.get("key"), r -> r.get("c2"), r -> r.get("c3"))
                .containsExactly(tuple("task_sync", "tenant-1", DAY, "ab12cd34"),
                        tuple("task_sync", "tenant-2", DAY, "cd34ef56"));
        assertThat(row("tasks", "task_sync").get("running")).matches(DAY + " key tenant-1 worker unknown \\(records "
                + "no history\\), [0-5]m \\d{2}s left\n" + DAY + " key tenant-2 worker unknown \\(records no "
                + "history\\), [0-5]m \\d{2}s left");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("runs").size() == 1);
        assertThat(rows("runs").get(0).get("key")).isEqualTo("tenant-2");

        browser.findElement(By.cssSelector("#locks tbody tr[data-key='tenant-1'] button.force-release")).click();
        confirm("Force the release of the lock of task_sync key tenant-1 for " + DAY + "?");

        awaitMessage("ok", "Released the lock of task 'task_sync' key 'tenant-1' for " + DAY + ".");
        assertThat(redis.keyspace()).containsExactly("lock:task_sync#tenant-2:" + DAY + "=cd34ef56");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("runs").size() == 2);
        assertThat(rows("runs")).extracting(r -> r.get("action"), r -> r.get("key"), r -> r.get("by"))
                .containsExactly(tuple("release (forced)", "tenant-1", "bob"),
                        tuple("run", "tenant-2", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("locks").size() == 1);
        assertThat(rows("locks")).extracting(r -> r.get("key")).containsExactly("tenant-2");
        screenshot("console-keys.png");
    }

    @Test
    void theWriteFormCarriesTheKeyToCompleteAndForget() {
        open("#task=task_sync");
        useToken(TOKEN, "bob");
        browser.findElement(By.id("write-key")).sendKeys("tenant-1");

        write("complete", "Mark task_sync key tenant-1 completed for " + DAY + " (calls for that date skip)?");
        awaitMessage("ok", "Task 'task_sync' key 'tenant-1' is completed for " + DAY
                + ": a daily task's calls for that date skip with already_completed (a recurring task reads no success key).");
        assertThat(redis.keyspace()).containsExactly("success:task_sync#tenant-1:" + DAY + "=completed");

        browser.findElement(By.id("write-date")).clear();
        write("forget", "Forget that task_sync key tenant-1 completed " + DAY + " (its next call for that date runs "
                + "it)?");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("message")).getText()
                .startsWith("Task 'task_sync' key 'tenant-1' is no longer"));
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Task 'task_sync' key 'tenant-1' is no "
                + "longer completed for " + DAY + ": its next call for that date runs it.");
        assertThat(redis.keyspace()).isEmpty();
    }

    private static void failImport(TaskGuard guard, String date) {
        assertThatThrownBy(() -> guard.run(TaskOptions.daily("task_import"), date, result -> {
            result.add("rows", 7);
            result.error(XSS);
            result.warn(XSS + " in a warning");
            result.fail("bad_input");
        })).isInstanceOf(TaskError.class);
    }

    /** Starts a run of {@code task} for today on {@code guard} that holds its lock until the test ends. */
    private void hold(TaskGuard guard, String task) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        holder = new Thread(() -> guard.run(TaskOptions.daily(task), DAY, result -> {
            running.countDown();
            release.await(20, TimeUnit.SECONDS);
        }), "holder-" + task);
        holder.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).as("the run of " + task + " started").isTrue();
    }

    /** Opens the console at {@code fragment} and waits for its first refresh. */
    private void open(String fragment) {
        browser.get(console.uri() + fragment);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.findElement(By.id("updated")).getText().startsWith("updated, console time "));
    }

    private void useToken(String token, String who) {
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("who")).sendKeys(who);
        browser.findElement(By.id("token-save")).click();
        assertThat(browser.findElement(By.id("token-state")).getText()).isEqualTo("token set for this tab");
    }

    /** Fills today's date in the task's write form, clicks {@code action}, and confirms {@code question}. */
    private void write(String action, String question) {
        browser.findElement(By.id("write-date")).sendKeys(DAY);
        browser.findElement(By.id("write-" + action)).click();
        confirm(question);
    }

    private void confirm(String question) {
        assertThat(browser.findElement(By.id("confirm-text")).getText()).isEqualTo(question);
        browser.findElement(By.id("confirm-yes")).click();
    }

    private void awaitMessage(String kind, String text) {
        WebElement message = browser.findElement(By.id("message"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !message.getText().isEmpty());
        assertThat(message.getText()).isEqualTo(text);
        assertThat(message.getAttribute("class")).isEqualTo(kind);
    }

    /**
     * The cells of {@code table}'s row for {@code task}, by cell class and by position ({@code c0}, {@code c1}, ...),
     * as the page shows them, read in one script (a refresh cannot replace the row halfway); waits for the row.
     */
    private static Map<String, String> row(String table, String task) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(table).stream().anyMatch(r -> task.equals(r.get("task"))));
        return rows(table).stream().filter(r -> task.equals(r.get("task"))).findFirst().orElseThrow();
    }

    /** Every row of {@code table} as {@link #row} reads it, plus {@code task} and {@code action} from its data. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> rows(String table) {
        return (List<Map<String, String>>) browser.executeScript("""
                return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')].map((tr) => {
                  const cells = { task: tr.dataset.task || '', action: tr.dataset.action || '' };
                  [...tr.cells].forEach((td, i) => {
                    cells['c' + i] = td.innerText;
                    td.classList.forEach((name) => { cells[name] = td.innerText; });
                  });
                  return cells;
                });""", table);
    }

    /** Clicks the button of class {@code button} in {@code table}'s row for {@code task}. */
    private static void click(String table, String task, String button) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            browser.findElement(By.cssSelector("#" + table + " tbody tr[data-task='" + task + "'] button." + button))
                    .click();
            return true;
        });
    }

    private long historyLength(String task) {
        return redis.client().getStream("history:" + task, StringCodec.INSTANCE).size();
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(IMAGES);
        Files.write(IMAGES.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
