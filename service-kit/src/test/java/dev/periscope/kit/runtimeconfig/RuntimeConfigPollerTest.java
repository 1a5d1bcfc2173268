package dev.periscope.kit.runtimeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RuntimeConfigPollerTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RuntimeConfigHolder holder = new RuntimeConfigHolder();
    private final AtomicReference<Object> stored = new AtomicReference<>();

    @SuppressWarnings("unchecked")
    private final RuntimeConfigSource source = () -> {
        Object value = stored.get();
        if (value instanceof Exception e) {
            throw e;
        }
        return (Map<String, ?>) value;
    };

    private double counter(String name) {
        return registry.counter(name).count();
    }

    private double version() {
        return registry.get(RuntimeConfigPoller.VERSION).gauge().value();
    }

    @Test
    void countsReloadsAndFailuresAndShowsTheVersion() {
        try (RuntimeConfigPoller poller = new RuntimeConfigPoller(source, holder, registry)) {
            assertThat(version()).isZero();
            assertThat(poller.pollOnce()).isEqualTo(Outcome.NO_DOCUMENT);

            stored.set(RuntimeConfigHolderTest.doc(1, "OPTIONS"));
            assertThat(poller.pollOnce()).isEqualTo(Outcome.APPLIED);
            assertThat(poller.pollOnce()).isEqualTo(Outcome.NOT_NEWER);
            assertThat(counter(RuntimeConfigPoller.RELOADS)).isEqualTo(1);
            assertThat(version()).isEqualTo(1);

            stored.set(RuntimeConfigHolderTest.invalidDoc(2));
            assertThat(poller.pollOnce()).isEqualTo(Outcome.INVALID);
            stored.set(new IllegalStateException("Timed out after 5000 ms while waiting to connect.\nClient view"));
            assertThat(poller.pollOnce()).isEqualTo(Outcome.UNREACHABLE);
            assertThat(counter(RuntimeConfigPoller.POLL_FAILURES)).isEqualTo(2);
            assertThat(holder.status().consecutiveFailures()).isEqualTo(2);
            assertThat(holder.status().lastError()).isEqualTo("cannot read " + source.describe()
                    + ": IllegalStateException: Timed out after 5000 ms while waiting to connect.");
            assertThat(version()).isEqualTo(1);
        }
    }

    @Test
    void aSourceThatThrowsAnythingNeverStopsThePolling() {
        AtomicInteger reads = new AtomicInteger();
        RuntimeConfigSource flaky = () -> {
            if (reads.incrementAndGet() % 2 == 1) {
                throw new RuntimeException("flaky");
            }
            return RuntimeConfigHolderTest.doc(reads.get());
        };
        try (RuntimeConfigPoller poller = new RuntimeConfigPoller(flaky, holder, registry)) {
            poller.start(Duration.ofMillis(20), Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.current().version() >= 6);
            assertThat(counter(RuntimeConfigPoller.POLL_FAILURES)).isGreaterThanOrEqualTo(3);
            assertThat(counter(RuntimeConfigPoller.RELOADS)).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void startWaitsForTheFirstReadSoTheStoredConfigIsActiveAtOnce() {
        stored.set(RuntimeConfigHolderTest.doc(7));
        try (RuntimeConfigPoller poller = new RuntimeConfigPoller(source, holder, registry)) {
            poller.start(Duration.ZERO, Duration.ofSeconds(5));
            assertThat(holder.current().version()).isEqualTo(7);
        }
    }

    @Test
    void aSlowStoreDelaysStartupOnlyUpToTheStartupWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RuntimeConfigSource slow = () -> {
            release.await(10, TimeUnit.SECONDS);
            return RuntimeConfigHolderTest.doc(3);
        };
        try (RuntimeConfigPoller poller = new RuntimeConfigPoller(slow, holder, registry)) {
            long started = System.nanoTime();
            poller.start(Duration.ZERO, Duration.ofMillis(100));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(holder.current().version()).isZero();
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> holder.current().version() == 3);
        }
    }

    @Test
    void zeroIntervalReadsOnceOnly() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        try (RuntimeConfigPoller poller = new RuntimeConfigPoller(() -> {
            reads.incrementAndGet();
            return null;
        }, holder, registry)) {
            poller.start(Duration.ZERO, Duration.ofSeconds(5));
            Thread.sleep(200); // nothing to await: proving that no second read happens
            assertThat(reads.get()).isEqualTo(1);
        }
    }

    @Test
    void errorsAreOneShortLine() {
        String long_ = "x".repeat(1000);
        assertThat(RuntimeConfigPoller.oneLine(new RuntimeException(long_))).hasSize(300).endsWith("...");
        assertThat(RuntimeConfigPoller.oneLine(new RuntimeException())).isEqualTo("RuntimeException");
        assertThat(RuntimeConfigPoller.oneLine(new IllegalStateException("Timed out while waiting for a server."
                + " Client view of cluster state is {type=UNKNOWN, servers=[...]}")))
                .isEqualTo("IllegalStateException: Timed out while waiting for a server.");
    }
}
