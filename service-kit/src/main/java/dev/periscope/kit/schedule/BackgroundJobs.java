package dev.periscope.kit.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one background thread of a component's periodic jobs (polls, flushes, snapshots): a named daemon thread, jobs
 * run with a fixed delay between the end of one run and the start of the next, so a slow run never piles up. Jobs
 * must not throw (one that does is not rescheduled by the executor); they catch, count and log their own failures.
 * Thread-safe; {@link #close} stops the thread and waits for a running job.
 */
public final class BackgroundJobs implements AutoCloseable {
    private final String threadName;
    private final boolean interruptOnClose;
    private final Duration closeWait;
    private ScheduledExecutorService executor;

    /**
     * @param interruptOnClose interrupt a running job on close (a poll may be abandoned), or let it finish (a flush
     *                         should complete)
     * @param closeWait        how long close waits for a running job
     */
    public BackgroundJobs(String threadName, boolean interruptOnClose, Duration closeWait) {
        this.threadName = threadName;
        this.interruptOnClose = interruptOnClose;
        this.closeWait = closeWait;
    }

    /** Runs {@code job} after {@code initialDelay}, then every {@code period}; a zero period runs it once. */
    public synchronized void schedule(Runnable job, Duration initialDelay, Duration period) {
        if (period.isZero()) {
            executor().schedule(job, initialDelay.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            executor().scheduleWithFixedDelay(job, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized boolean started() {
        return executor != null;
    }

    private ScheduledExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }

    /** Stops the thread; idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        if (interruptOnClose) {
            running.shutdownNow();
        } else {
            running.shutdown();
        }
        try {
            running.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
