package dev.guardedtask.examples.boot;

import dev.guardedtask.testsupport.TestClocks;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The tests' beans for the example's context: the fixed clock the starter gives the guard, and a recording listener.
 * Not a {@code @Configuration}, so the application's component scan (which covers this package) never picks it up:
 * a test names it as a source.
 */
class ExampleTestBeans {

    @Bean
    Clock clock() {
        return TestClocks.fixed();
    }

    @Bean
    RecordingListener recordingListener() {
        return new RecordingListener();
    }
}
