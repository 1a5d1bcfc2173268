package dev.periscope.kit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class BackgroundJobsTest {

    @Test
    void runsPeriodicJobsOnOneNamedDaemonThreadUntilClosed() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        BackgroundJobs jobs = new BackgroundJobs("test-jobs", true, Duration.ofSeconds(5));
        jobs.schedule(() -> {
            thread.set(Thread.currentThread());
            runs.incrementAndGet();
        }, Duration.ZERO, Duration.ofMillis(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        jobs.close();
        int afterClose = runs.get();
        TimeUnit.MILLISECONDS.sleep(50); // nothing may run after close: a negative check needs a pause
        assertThat(runs.get()).isEqualTo(afterClose);
        assertThat(thread.get().getName()).isEqualTo("test-jobs");
        assertThat(thread.get().isDaemon()).isTrue();
        assertThat(jobs.started()).isFalse();
    }

    @Test
    void aZeroPeriodRunsOnceAndCloseLetsARunningJobFinishWhenAsked() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        BackgroundJobs jobs = new BackgroundJobs("flush", false, Duration.ofSeconds(5));
        jobs.schedule(() -> {
            started.countDown();
            try {
                TimeUnit.MILLISECONDS.sleep(200);
                finished.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ZERO, Duration.ZERO);

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        jobs.close();
        assertThat(finished.get()).as("a flush is not interrupted").isEqualTo(1);
    }
}
