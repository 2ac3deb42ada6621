package dev.guardedtask.examples.interplay;

import dev.guardedtask.GuardedTasks;
import dev.guardedtask.TaskGuard;
import dev.guardedtask.TaskResult;
import dev.guardedtask.TaskStatus;
import dev.guardedtask.testsupport.TestClocks;
import dev.guardedtask.testsupport.junit.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/guide.md ("Spring AOP, @Transactional and the guard") recommends, in a module compiled by ajc as a
 * Spring Boot user's is: a user's ajc-compiled {@code @Aspect} ordered outside the guard sees every call, one ordered
 * inside sees only runs; {@code @Transactional} (a Spring proxy) on the guarded method opens a transaction for skipped
 * calls too, on a bean the guarded body calls only for runs.
 */
class SpringAopInterplayTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private TaskGuard guard;

    @BeforeEach
    void installGuard() {
        guard = TaskGuard.builder().redisson(redis.client()).clock(TestClocks.fixed()).build();
        GuardedTasks.install(guard);
        Trace.take();
    }

    @AfterEach
    void uninstallGuard() {
        GuardedTasks.uninstall();
        guard.close();
    }

    @Test
    void aspectOutsideTheGuardSeesEveryCallAndTheOneInsideOnlyTheRun() {
        InterplayJobs jobs = new InterplayJobs();

        TaskResult ran = jobs.report();
        assertThat(Trace.take()).containsExactly("metrics>", "work>", "body", "<work", "<metrics");
        TaskResult skipped = jobs.report();

        assertThat(Trace.take()).containsExactly("metrics>", "<metrics");
        assertThat(ran.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(skipped.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
    }

    @Test
    void springAopDoesNotProxyForAnAjcCompiledAspectSoItsAdviceRunsOncePerCall() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(AutoProxy.class)) {
            InterplayJobs jobs = context.getBean(InterplayJobs.class);

            jobs.report();

            assertThat(AopUtils.isAopProxy(jobs)).isFalse();
            assertThat(Trace.take()).containsExactly("metrics>", "work>", "body", "<work", "<metrics");
        }
    }

    @Test
    void transactionalOnTheGuardedMethodBeginsATransactionForTheSkippedCallToo() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Transactions.class)) {
            TransactionalJobs.OnTheGuardedMethod jobs = context.getBean(TransactionalJobs.OnTheGuardedMethod.class);
            CountingTransactionManager transactions = context.getBean(CountingTransactionManager.class);

            TaskResult ran = jobs.export();
            TaskResult skipped = jobs.export();

            assertThat(ran.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(skipped.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
            assertThat(jobs.runs()).isEqualTo(1);
            assertThat(transactions.begins).hasValue(2);
        }
    }

    @Test
    void transactionalOnTheInnerBeanBeginsATransactionOnlyForTheRun() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Transactions.class)) {
            TransactionalJobs.OnTheInnerBean jobs = context.getBean(TransactionalJobs.OnTheInnerBean.class);
            CountingTransactionManager transactions = context.getBean(CountingTransactionManager.class);

            TaskResult ran = jobs.export();
            TaskResult skipped = jobs.export();

            assertThat(ran.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(skipped.reason()).isEqualTo(TaskResult.ALREADY_COMPLETED);
            assertThat(context.getBean(TransactionalJobs.ExportWriter.class).writes()).isEqualTo(1);
            assertThat(transactions.begins).hasValue(1);
            assertThat(transactions.commits).hasValue(1);
        }
    }

    /** Spring AOP's auto-proxying on, with the ajc-compiled aspect as a bean: Spring ignores it. */
    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy
    static class AutoProxy {

        @Bean
        CallMetricsAspect callMetricsAspect() {
            return new CallMetricsAspect();
        }

        @Bean
        InterplayJobs interplayJobs() {
            return new InterplayJobs();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Transactions {

        @Bean
        CountingTransactionManager transactionManager() {
            return new CountingTransactionManager();
        }

        @Bean
        TransactionalJobs.OnTheGuardedMethod onTheGuardedMethod() {
            return new TransactionalJobs.OnTheGuardedMethod();
        }

        @Bean
        TransactionalJobs.ExportWriter exportWriter() {
            return new TransactionalJobs.ExportWriter();
        }

        @Bean
        TransactionalJobs.OnTheInnerBean onTheInnerBean(TransactionalJobs.ExportWriter writer) {
            return new TransactionalJobs.OnTheInnerBean(writer);
        }
    }
}
