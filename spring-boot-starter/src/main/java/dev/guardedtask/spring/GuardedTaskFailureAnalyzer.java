package dev.guardedtask.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link GuardedTaskConfigurationException} into Boot's start-up failure report, without a stack trace. */
final class GuardedTaskFailureAnalyzer extends AbstractFailureAnalyzer<GuardedTaskConfigurationException> {

    static final String ACTION = "Fix what the description names. The guardedtask.* properties and their defaults "
            + "are listed in guardedtask's docs/guide.md, \"Spring Boot\"; guardedtask.enabled=false auto-configures "
            + "no TaskGuard.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GuardedTaskConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), ACTION, cause);
    }
}
