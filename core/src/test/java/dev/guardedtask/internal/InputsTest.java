package dev.guardedtask.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"20260101", "19991231", "20240229", "00010101", "99991231"})
    void realDatesOfEightDigitsAreReturnedAsGiven(String date) {
        assertThat(Inputs.date("task_x", date)).isEqualTo(date);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026/101", "2026:101", "/0260101", "2026010:"})
    void charactersNextToTheDigitsAreNotDigits(String date) {
        assertThatThrownBy(() -> Inputs.checkDate("TaskChain", date))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: date '" + date + "' is not YYYYMMDD (example: 20260301); pass null for today.");
    }

    @Test
    void oneMillisecondIsTheShortestDuration() {
        assertThat(Inputs.duration("task_x", "lockTimeout", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> Inputs.duration("task_x", "successTtl", Duration.ofNanos(999_999)))
                .hasMessage("Task 'task_x': successTtl PT0.000999999S must be at least 1 ms, e.g. P1D (1 day).");
    }

    @Test
    void threeThousandSixHundredFiftyDaysIsTheLongestDuration() {
        assertThat(Inputs.duration("task_x", "successTtl", Duration.ofDays(3650))).isEqualTo(Duration.ofDays(3650));
        assertThat(Inputs.duration("task_x", "successTtl", "P3650D")).isEqualTo(Duration.ofDays(3650));
        assertThatThrownBy(() -> Inputs.duration("task_x", "lockTimeout", Duration.ofDays(3650).plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': lockTimeout PT87600H0.000000001S must be at most 3650 days (P3650D), "
                        + "e.g. PT5M (5 minutes).");
        assertThatThrownBy(() -> Inputs.duration(null, "successTtl", "P3651D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: successTtl 'P3651D' must be at most 3650 days (P3650D), e.g. P1D (1 day).");
    }

    @Test
    void durationsBeyondWhatMillisecondsHoldAreOutOfRangeNotAnArithmeticException() {
        assertThatThrownBy(() -> Inputs.duration(null, "lockTimeout", Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGuard: lockTimeout PT2562047788015215H30M7S must be at most 3650 days (P3650D), "
                        + "e.g. PT5M (5 minutes).");
        assertThatThrownBy(() -> Inputs.duration("task_x", "lockTimeout", Duration.ofSeconds(Long.MIN_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': lockTimeout PT-2562047788015215H-30M-8S must be at least 1 ms, "
                        + "e.g. PT5M (5 minutes).");
        assertThatThrownBy(() -> Inputs.duration("task_x", "lockTimeout", "PT9223372036854775807S"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': lockTimeout 'PT9223372036854775807S' must be at most 3650 days (P3650D), "
                        + "e.g. PT5M (5 minutes).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT9223372036854775808S", "PT-9223372036854775809S", "P106751991167301D",
            "P106751991167300DT24H"})
    void isoDurationsWhoseNumbersOverflowAreOutOfRange(String iso) {
        assertThatThrownBy(() -> Inputs.duration("task_x", "successTtl", iso))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'task_x': successTtl '" + iso + "' is out of range: write 1 ms to 3650 days "
                        + "(P3650D), e.g. P1D (1 day).");
    }

    @Test
    void anEmptyIsoDurationIsTheGuardsDefault() {
        assertThat(Inputs.duration("task_x", "lockTimeout", "")).isNull();
        assertThat(Inputs.duration("task_x", "lockTimeout", "PT1S")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aKeyOfTheTaskNameFormIsReturned() {
        assertThat(Inputs.taskKey("report", "tenant-4.2_x")).isEqualTo("tenant-4.2_x");
        assertThat(Inputs.taskKey("report", "k".repeat(200))).hasSize(200);
    }

    @Test
    void aKeyOfAnotherFormIsRefusedNamingTheTaskTheKeyAndTheForm() {
        for (String key : new String[] {"a#b", "a:b", "{a}", "", "k".repeat(201), "a b"}) {
            assertThatThrownBy(() -> Inputs.taskKey("report", key)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Task 'report': key '" + key + "' is invalid: use 1 to 200 characters from "
                            + "[A-Za-z0-9_.-], e.g. 'customer_42'; map other values to such a text (e.g. an id or a "
                            + "hash) before passing them.");
        }
        assertThatThrownBy(() -> Inputs.taskKey("report", null)).hasMessage("Task 'report': key null is invalid: use 1 "
                + "to 200 characters from [A-Za-z0-9_.-], e.g. 'customer_42'; map other values to such a text (e.g. an id "
                + "or a hash) before passing them.");
    }

    @Test
    void taskNamesOfOneAndTwoHundredCharactersAreValid() {
        assertThat(Inputs.isTaskName("a")).isTrue();
        assertThat(Inputs.isTaskName("A.b-c_9".repeat(28) + "abcd")).isTrue();
        assertThat(Inputs.isTaskName("a".repeat(201))).isFalse();
        assertThat(Inputs.isTaskName(null)).isFalse();
        assertThat(Inputs.taskName("task_x")).isEqualTo("task_x");
    }

    @Test
    void aMessageShowsTheControlCharactersOfABadValueEscaped() {
        assertThatThrownBy(() -> Inputs.taskKey("report", "x\n\t\u0007")).hasMessageStartingWith(
                "Task 'report': key 'x\\n\\t\\u0007' is invalid");
        assertThatThrownBy(() -> Inputs.taskName("a\rb")).hasMessageStartingWith("Task name 'a\\rb' is invalid");
    }
}
