package dev.periscope.kit.runtimeconfig;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads the runtime-configuration document on its own worker thread (never an event loop) every poll interval
 * and hands it to the {@link RuntimeConfigHolder}. Nothing it meets — an unreachable store, an invalid document,
 * a listener that throws — stops the polling or the service; each failed read increments
 * {@code periscope.runtime_config.poll_failures}, each applied version {@code periscope.runtime_config.reloads}, and
 * the gauge {@code periscope.runtime_config.version} shows the active version.
 */
public final class RuntimeConfigPoller implements AutoCloseable {
    public static final String POLL_FAILURES = "periscope.runtime_config.poll_failures";
    public static final String RELOADS = "periscope.runtime_config.reloads";
    public static final String VERSION = "periscope.runtime_config.version";
    private static final Logger LOG = Logger.getLogger(RuntimeConfigPoller.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final RuntimeConfigSource source;
    private final RuntimeConfigHolder holder;
    private final Counter pollFailures;
    private final Counter reloads;
    private final ScheduledExecutorService executor;

    public RuntimeConfigPoller(RuntimeConfigSource source, RuntimeConfigHolder holder, MeterRegistry registry) {
        this.source = source;
        this.holder = holder;
        this.pollFailures = Counter.builder(POLL_FAILURES)
                .description("Runtime-config reads that failed (store unreachable or document invalid)")
                .register(registry);
        this.reloads = Counter.builder(RELOADS).description("Runtime-config versions applied").register(registry);
        Gauge.builder(VERSION, holder, h -> h.current().version())
                .description("Version of the active runtime config (0 = built-in defaults)").register(registry);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "periscope-runtime-config");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Reads once now, waiting at most {@code startupWait} for that first read (it goes on in the background when
     * slower), then every {@code interval}; {@code interval} zero or negative means read once only.
     */
    public void start(Duration interval, Duration startupWait) {
        Future<?> first = executor.submit(this::pollOnce);
        try {
            first.get(Math.max(0, startupWait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("runtime config: first read from %s still running after %s; starting with version %d",
                    source.describe(), startupWait, holder.current().version());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("runtime config: first read failed: %s", e.toString()); // pollOnce never throws; defensive
        }
        if (!interval.isNegative() && !interval.isZero()) {
            long millis = interval.toMillis();
            executor.scheduleWithFixedDelay(this::pollOnce, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            LOG.infof("runtime config: hot reload off (poll interval %s), version %d stays until restart",
                    interval, holder.current().version());
        }
    }

    /** One read; never throws (a scheduled task that throws would never run again). */
    public RuntimeConfigHolder.Outcome pollOnce() {
        RuntimeConfigHolder.Outcome outcome;
        try {
            outcome = holder.offer(source.fetch());
        } catch (Exception e) {
            outcome = holder.recordFailure("cannot read " + source.describe() + ": " + oneLine(e));
        } catch (LinkageError e) {
            outcome = holder.recordFailure("cannot read " + source.describe() + ": " + oneLine(e));
        }
        switch (outcome) {
            case APPLIED -> reloads.increment();
            case INVALID, UNREACHABLE -> pollFailures.increment();
            default -> {
            }
        }
        return outcome;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        int clusterView = message.indexOf(" Client view of cluster state"); // the driver's long state dump
        if (clusterView > 0) {
            message = message.substring(0, clusterView);
        }
        String text = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
