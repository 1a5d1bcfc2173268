package dev.periscope.enricher.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.enricher.detect.SkipListener;

class BaselineSnapshotsTest {

    private static Baselines learned() {
        Baselines baselines = new Baselines(1000, SkipListener.NONE);
        for (int i = 0; i < 30; i++) {
            final int sample = 1000 + i;
            baselines.responseSizes().apply(7L, RunningStats::new, s -> {
                s.add(sample);
                return null;
            });
            baselines.latencies().apply(-3L, RunningStats::new, s -> {
                s.add(sample / 10.0);
                return null;
            });
            baselines.errorRates(0.3, 0.02).apply(7L, ErrorRate::new, r -> {
                r.add(sample % 3 == 0, 0.3, 0.02);
                return null;
            });
        }
        return baselines;
    }

    @Test
    void aNewInstanceRestoresTheSameBaselines() {
        InMemoryBaselineRepository repository = new InMemoryBaselineRepository();
        Baselines before = learned();
        assertThat(new BaselineSnapshots(before, repository, "enricher-a").snapshot()).isEqualTo(3);

        Baselines after = new Baselines(1000, SkipListener.NONE);
        assertThat(new BaselineSnapshots(after, repository, "enricher-a").restore()).isEqualTo(3);
        assertThat(after.export()).containsExactlyInAnyOrderElementsOf(before.export());
        assertThat(new BaselineSnapshots(new Baselines(1000, SkipListener.NONE), repository, "enricher-b").restore())
                .as("another instance's baselines are its own").isZero();
    }

    @Test
    void runningStatsMatchTheTextbook() {
        RunningStats stats = new RunningStats();
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            stats.add(x);
        }
        assertThat(stats.mean()).isEqualTo(5.0);
        assertThat(stats.variance()).isCloseTo(32.0 / 7, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void impossibleRecordsAreNotRestored() {
        Baselines baselines = new Baselines(1000, SkipListener.NONE);
        int restored = baselines.restore(List.of(
                new BaselineRecord("latency", 1, 10, Double.NaN, 1, 0, 0),
                new BaselineRecord("latency", 2, 10, 5, -1, 0, 0),
                new BaselineRecord("latency", 3, 0, 5, 1, 0, 0),
                new BaselineRecord("unknown", 4, 10, 5, 1, 0, 0),
                new BaselineRecord("latency", 5, 10, 5, 1, 0, 0)));
        assertThat(restored).isEqualTo(1);
    }

    @Test
    void aFailingStoreIsCountedAndTheNextSnapshotRetries() {
        boolean[] down = {true};
        InMemoryBaselineRepository memory = new InMemoryBaselineRepository();
        BaselineRepository flaky = new BaselineRepository() {
            @Override
            public void save(String instance, List<BaselineRecord> records) {
                if (down[0]) {
                    throw new IllegalStateException("store down");
                }
                memory.save(instance, records);
            }

            @Override
            public List<BaselineRecord> load(String instance) {
                throw new IllegalStateException("store down");
            }
        };
        BaselineSnapshots snapshots = new BaselineSnapshots(learned(), flaky, "enricher-a");
        assertThat(snapshots.restore()).isZero();
        assertThat(snapshots.snapshot()).isEqualTo(-1);
        assertThat(snapshots.failures()).isEqualTo(2);
        down[0] = false;
        assertThat(snapshots.snapshot()).isEqualTo(3);
        assertThat(memory.load("enricher-a")).hasSize(3);
    }

    @Test
    void changedErrorRateAlphasStartAfresh() {
        Baselines baselines = learned();
        assertThat(baselines.entries(Baselines.ERROR_RATE)).isEqualTo(1);
        baselines.errorRates(0.3, 0.02);
        assertThat(baselines.entries(Baselines.ERROR_RATE)).isEqualTo(1);
        baselines.errorRates(0.5, 0.02);
        assertThat(baselines.entries(Baselines.ERROR_RATE)).isZero();
    }
}
