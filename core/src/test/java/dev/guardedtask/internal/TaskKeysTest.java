package dev.guardedtask.internal;

import dev.guardedtask.KeyScheme;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskKeysTest {

    @Test
    void withoutAPrefixPlainKeysAreTheBoilerplates() {
        TaskKeys keys = new TaskKeys("", KeyScheme.PLAIN);

        assertThat(keys.lock("task_odds", "20261128")).isEqualTo("lock:task_odds:20261128");
        assertThat(keys.success("task_odds", "20261128")).isEqualTo("success:task_odds:20261128");
        assertThat(keys.taskLock("task_odds")).isEqualTo("lock:task_odds");
    }

    @Test
    void aPrefixGoesBeforeEveryKey() {
        TaskKeys keys = new TaskKeys("billing:", KeyScheme.PLAIN);

        assertThat(keys.lock("t", "20260301")).isEqualTo("billing:lock:t:20260301");
        assertThat(keys.success("t", "20260301")).isEqualTo("billing:success:t:20260301");
        assertThat(keys.taskLock("t")).isEqualTo("billing:lock:t");
        assertThat(keys.fence("t")).isEqualTo("billing:fence:t");
    }

    @Test
    void clusterKeysTagTheTaskSoThatEveryKeyOfATaskIsInOneSlot() {
        TaskKeys keys = new TaskKeys("billing:", KeyScheme.CLUSTER);

        assertThat(keys.lock("t", "20260301")).isEqualTo("billing:lock:{t}:20260301");
        assertThat(keys.success("t", "20260301")).isEqualTo("billing:success:{t}:20260301");
        assertThat(keys.taskLock("t")).isEqualTo("billing:lock:{t}");
        assertThat(keys.fence("t")).isEqualTo("billing:fence:{t}");
    }

    @Test
    void aDailyRunHasItsDateLockAndSuccessKeyARecurringRunItsDateLockAndTheTaskLock() {
        TaskKeys keys = new TaskKeys("", KeyScheme.CLUSTER);

        assertThat(keys.forRun("t", null, "20260301", false))
                .isEqualTo(new RunKeys(List.of("lock:{t}:20260301"), "success:{t}:20260301", "fence:{t}"));
        assertThat(keys.forRun("t", null, "20260301", true))
                .isEqualTo(new RunKeys(List.of("lock:{t}:20260301", "lock:{t}"), null, "fence:{t}"));
    }

    @Test
    void aKeyedRunHasTheKeyAfterTheTaskInItsLocksSuccessAndRunKeysTheCounterHistoryAndCountsAreTheTasks() {
        assertThat(new TaskKeys("p:", KeyScheme.PLAIN).forRecordedRun("t", "k", "20260301", false)).isEqualTo(
                new RunKeys(List.of("p:lock:t#k:20260301"), "p:success:t#k:20260301", "p:fence:t",
                        "p:run:t#k:20260301", "p:history:t", "p:stats:t"));
        assertThat(new TaskKeys("p:", KeyScheme.CLUSTER).forRecordedRun("t", "k", "20260301", true)).isEqualTo(
                new RunKeys(List.of("p:lock:{t}#k:20260301", "p:lock:{t}#k"), null, "p:fence:{t}",
                        "p:run:{t}#k:20260301", "p:history:{t}", "p:stats:{t}"));
        assertThat(new TaskKeys("", KeyScheme.PLAIN).forRun("t", null, "20260301", true))
                .isEqualTo(new RunKeys(List.of("lock:t:20260301", "lock:t"), null, "fence:t"));
    }

    @Test
    void noKeyedNameIsAnotherTaskOrKeysName() {
        TaskKeys keys = new TaskKeys("", KeyScheme.PLAIN);

        assertThat(keys.lock("a", "b", "20261128")).isNotEqualTo(keys.lock("a", "20261128"));
        // an 8-digit key makes a task-level lock, never the task's unkeyed per-date lock
        assertThat(keys.taskLock("a", "20261130")).isEqualTo("lock:a#20261130").isNotEqualTo(keys.lock("a", "20261130"));
        // a name or key holding '#', ':' or braces, which could shift the split, is refused
        for (String bad : List.of("a#b", "a#", "#b", "b:20261128", "{a}")) {
            assertThatThrownBy(() -> Inputs.taskName(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Inputs.taskKey("a", bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void noTaskNameMakesATaskLockThatIsAnotherTasksDateLock() {
        // lock:T equals lock:X:D only for T = "X:D", and a task name has no ':'
        assertThatThrownBy(() -> Inputs.taskName("report:20260301")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Inputs.taskName("{report}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseReadsTheTaskAndDateOfEitherSchemesKeysUnderThePrefix() {
        TaskKeys keys = new TaskKeys("billing:", KeyScheme.PLAIN);

        assertThat(keys.parse("billing:lock:t:20260301"))
                .isEqualTo(new TaskKeys.Parsed("billing:lock:t:20260301", "lock", "t", null, "20260301", false));
        assertThat(keys.parse("billing:lock:{t}:20260301"))
                .isEqualTo(new TaskKeys.Parsed("billing:lock:{t}:20260301", "lock", "t", null, "20260301", true));
        assertThat(keys.parse("billing:lock:t")).isEqualTo(new TaskKeys.Parsed("billing:lock:t", "lock", "t", null, null, false));
        assertThat(keys.parse("billing:success:{t}:20260301"))
                .isEqualTo(new TaskKeys.Parsed("billing:success:{t}:20260301", "success", "t", null, "20260301", true));
        assertThat(keys.parse("billing:history:t")).isEqualTo(new TaskKeys.Parsed("billing:history:t", "history", "t", null, null, false));
        assertThat(keys.parse("billing:stats:{t}")).isEqualTo(new TaskKeys.Parsed("billing:stats:{t}", "stats", "t", null, null, true));
    }

    @Test
    void keyedBuildersPutTheKeyAfterTheTaskAndTheHashTagOnTheTaskOnly() {
        TaskKeys plain = new TaskKeys("billing:", KeyScheme.PLAIN);
        TaskKeys cluster = new TaskKeys("billing:", KeyScheme.CLUSTER);

        assertThat(List.of(plain.lock("t", "k", "20260301"), plain.success("t", "k", "20260301"),
                plain.taskLock("t", "k"), plain.run("t", "k", "20260301")))
                .containsExactly("billing:lock:t#k:20260301", "billing:success:t#k:20260301", "billing:lock:t#k",
                        "billing:run:t#k:20260301");
        assertThat(List.of(cluster.lock("t", "k", "20260301"), cluster.success("t", "k", "20260301"),
                cluster.taskLock("t", "k"), cluster.run("t", "k", "20260301")))
                .containsExactly("billing:lock:{t}#k:20260301", "billing:success:{t}#k:20260301", "billing:lock:{t}#k",
                        "billing:run:{t}#k:20260301");
    }

    @Test
    void keyedBuildersWithoutAKeyBuildTheUnkeyedKeys() {
        for (KeyScheme scheme : KeyScheme.values()) {
            TaskKeys keys = new TaskKeys("billing:", scheme);

            assertThat(keys.lock("t", null, "20260301")).isEqualTo(keys.lock("t", "20260301"));
            assertThat(keys.success("t", null, "20260301")).isEqualTo(keys.success("t", "20260301"));
            assertThat(keys.taskLock("t", null)).isEqualTo(keys.taskLock("t"));
            assertThat(keys.run("t", null, "20260301")).isEqualTo(keys.run("t", "20260301"));
        }
    }

    @Test
    void parseReadsTheKeyOfAKeyedRunsLocksAndSuccessKeysInEitherScheme() {
        TaskKeys keys = new TaskKeys("billing:", KeyScheme.PLAIN);

        assertThat(keys.parse("billing:lock:t#k:20260301"))
                .isEqualTo(new TaskKeys.Parsed("billing:lock:t#k:20260301", "lock", "t", "k", "20260301", false));
        assertThat(keys.parse("billing:lock:{t}#k:20260301"))
                .isEqualTo(new TaskKeys.Parsed("billing:lock:{t}#k:20260301", "lock", "t", "k", "20260301", true));
        assertThat(keys.parse("billing:lock:t#k"))
                .isEqualTo(new TaskKeys.Parsed("billing:lock:t#k", "lock", "t", "k", null, false));
        assertThat(keys.parse("billing:lock:{t}#k"))
                .isEqualTo(new TaskKeys.Parsed("billing:lock:{t}#k", "lock", "t", "k", null, true));
        assertThat(keys.parse("billing:success:t#tenant-4.2_x:20260301")).isEqualTo(new TaskKeys.Parsed(
                "billing:success:t#tenant-4.2_x:20260301", "success", "t", "tenant-4.2_x", "20260301", false));
        assertThat(keys.parse("billing:success:{t}#k:20260301"))
                .isEqualTo(new TaskKeys.Parsed("billing:success:{t}#k:20260301", "success", "t", "k", "20260301", true));
    }

    @Test
    void everyKeyedKeyTheBuildersMakeParsesBackToItsTaskKeyAndDate() {
        for (KeyScheme scheme : KeyScheme.values()) {
            TaskKeys keys = new TaskKeys("p:", scheme);
            for (String built : List.of(keys.lock("t", "k", "20260301"), keys.success("t", "k", "20260301"))) {
                TaskKeys.Parsed parsed = keys.parse(built);

                assertThat(List.of(parsed.task(), parsed.key(), parsed.date())).containsExactly("t", "k", "20260301");
                assertThat(parsed.tagged()).isEqualTo(scheme == KeyScheme.CLUSTER);
            }
        }
    }

    @Test
    void parseLeavesOutKeyedNearMisses() {
        TaskKeys keys = new TaskKeys("", KeyScheme.PLAIN);

        assertThat(keys.parse("lock:a#:20260301")).isNull(); // empty key
        assertThat(keys.parse("lock:#b:20260301")).isNull(); // empty task
        assertThat(keys.parse("lock:a#b#c:20260301")).isNull(); // a second #
        assertThat(keys.parse("lock:{a#b}:20260301")).isNull(); // the key inside the hash tag
        assertThat(keys.parse("lock:{a}#{b}:20260301")).isNull(); // the key in braces
        assertThat(keys.parse("lock:a#b c:20260301")).isNull(); // a character no key has
        assertThat(keys.parse("lock:a#" + "k".repeat(201) + ":20260301")).isNull(); // too long
        assertThat(keys.parse("lock:a#b:2026031")).isNull(); // 7-digit date
        assertThat(keys.parse("success:a#b")).isNull(); // a success key needs a date
        assertThat(keys.parse("history:a#b")).isNull(); // history is per task, never per key
        assertThat(keys.parse("stats:{a}#b")).isNull(); // so are counts
        assertThat(keys.parse("run:a#b:20260301")).isNull(); // run info names no task by itself
    }

    @Test
    void parseLeavesOutKeysOfOtherPrefixesKindsAndShapes() {
        TaskKeys keys = new TaskKeys("billing:", KeyScheme.PLAIN);

        assertThat(keys.parse("lock:t:20260301")).isNull();
        assertThat(keys.parse("selling:lock:t:20260301")).isNull(); // another prefix of the same length
        assertThat(keys.parse("billing:fence:t")).isNull();
        assertThat(keys.parse("billing:run:t:20260301")).isNull();
        assertThat(keys.parse("billing:success:t")).isNull();
        assertThat(keys.parse("billing:history:t:20260301")).isNull();
        assertThat(keys.parse("billing:lock:t:2026-03-01")).isNull();
        assertThat(keys.parse("billing:lock:{t:20260301")).isNull();
        assertThat(keys.parse("billing:lock:bad name:20260301")).isNull();
        assertThat(keys.parse("billing:locks:t:20260301")).isNull();
    }

    @Test
    void withFormGivesTheKeysOfTheSchemeAKeyShowed() {
        TaskKeys plain = new TaskKeys("billing:", KeyScheme.PLAIN);

        assertThat(plain.withForm(true)).isEqualTo(new TaskKeys("billing:", KeyScheme.CLUSTER));
        assertThat(plain.withForm(true).history("t")).isEqualTo("billing:history:{t}");
        assertThat(new TaskKeys("billing:", KeyScheme.CLUSTER).withForm(false)).isEqualTo(plain);
    }

    @Test
    void theScanPatternEscapesTheGlobCharactersOfThePrefix() {
        assertThat(new TaskKeys("", KeyScheme.PLAIN).scanPattern()).isEqualTo("[lsh]*");
        assertThat(new TaskKeys("{app}:", KeyScheme.CLUSTER).scanPattern()).isEqualTo("{app}:[lsh]*");
        assertThat(new TaskKeys("a*b?[c]\\d:", KeyScheme.PLAIN).scanPattern()).isEqualTo("a\\*b\\?\\[c\\]\\\\d:[lsh]*");
    }
}
