package dev.guardedtask.spring;

/**
 * Start-up cannot give the application a usable guard: a {@code guardedtask.*} property is refused or missing, or
 * the guard cannot be installed. Its message names the property, the value and the fix;
 * {@link GuardedTaskFailureAnalyzer} shows it as Boot's "APPLICATION FAILED TO START" report.
 */
final class GuardedTaskConfigurationException extends IllegalStateException {

    GuardedTaskConfigurationException(String message) {
        super(message);
    }

    GuardedTaskConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
