package dev.periscope.enricher.detect.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.periscope.enricher.detect.KeyedState;
import dev.periscope.enricher.detect.SkipListener;

/**
 * The learned per-endpoint baselines, process-wide: they outlive every runtime-config version because what they
 * learn (sizes, latencies) does not depend on the thresholds. The one exception is the error rate's averages, which
 * depend on their α: {@link #errorRates(double, double)} starts them afresh when the α change. Persisted by
 * {@link BaselineSnapshots}.
 */
public final class Baselines {
    public static final String RESPONSE_SIZE = "response_size";
    public static final String LATENCY = "latency";
    public static final String ERROR_RATE = "error_rate";

    private final KeyedState<RunningStats> responseSizes;
    private final KeyedState<RunningStats> latencies;
    private final KeyedState<ErrorRate> errorRates;
    private double fastAlpha = Double.NaN;
    private double slowAlpha = Double.NaN;

    public Baselines(int maxKeys, SkipListener skips) {
        responseSizes = new KeyedState<>(RESPONSE_SIZE, maxKeys, skips);
        latencies = new KeyedState<>(LATENCY, maxKeys, skips);
        errorRates = new KeyedState<>(ERROR_RATE, maxKeys, skips);
    }

    public KeyedState<RunningStats> responseSizes() {
        return responseSizes;
    }

    public KeyedState<RunningStats> latencies() {
        return latencies;
    }

    /** The error-rate table for these α; cleared when they differ from the last ones asked for (not on restore). */
    public synchronized KeyedState<ErrorRate> errorRates(double fast, double slow) {
        if (!Double.isNaN(fastAlpha) && (fast != fastAlpha || slow != slowAlpha)) {
            errorRates.clear();
        }
        fastAlpha = fast;
        slowAlpha = slow;
        return errorRates;
    }

    public long entries(String detector) {
        return switch (detector) {
            case RESPONSE_SIZE -> responseSizes.entries();
            case LATENCY -> latencies.entries();
            case ERROR_RATE -> errorRates.entries();
            default -> 0;
        };
    }

    /** A consistent copy of every baseline, table by table. */
    public List<BaselineRecord> export() {
        List<BaselineRecord> out = new ArrayList<>();
        for (Map.Entry<Long, RunningStats> e : responseSizes.snapshot(RunningStats::copy)) {
            out.add(stats(RESPONSE_SIZE, e));
        }
        for (Map.Entry<Long, RunningStats> e : latencies.snapshot(RunningStats::copy)) {
            out.add(stats(LATENCY, e));
        }
        for (Map.Entry<Long, ErrorRate> e : errorRates.snapshot(ErrorRate::copy)) {
            ErrorRate rate = e.getValue();
            out.add(new BaselineRecord(ERROR_RATE, e.getKey(), rate.count(), 0, 0, rate.fast(), rate.slow()));
        }
        return out;
    }

    private static BaselineRecord stats(String detector, Map.Entry<Long, RunningStats> e) {
        RunningStats stats = e.getValue();
        return new BaselineRecord(detector, e.getKey(), stats.count(), stats.mean(), stats.variance(), 0, 0);
    }

    /** Puts stored baselines back; unknown detectors and impossible values are ignored. Returns how many. */
    public int restore(List<BaselineRecord> records) {
        int restored = 0;
        for (BaselineRecord r : records) {
            if (r.count() <= 0 || !Double.isFinite(r.mean()) || !Double.isFinite(r.variance()) || r.variance() < 0
                    || !Double.isFinite(r.fastRate()) || !Double.isFinite(r.slowRate())) {
                continue;
            }
            switch (r.detector()) {
                case RESPONSE_SIZE -> responseSizes.put(r.endpointKey(),
                        new RunningStats(r.count(), r.mean(), r.variance()));
                case LATENCY -> latencies.put(r.endpointKey(), new RunningStats(r.count(), r.mean(), r.variance()));
                case ERROR_RATE -> errorRates.put(r.endpointKey(), new ErrorRate(r.count(), r.fastRate(),
                        r.slowRate()));
                default -> {
                    continue;
                }
            }
            restored++;
        }
        return restored;
    }
}
