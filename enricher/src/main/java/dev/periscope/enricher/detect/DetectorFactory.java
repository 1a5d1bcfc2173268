package dev.periscope.enricher.detect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.periscope.enricher.detect.baseline.Baselines;
import dev.periscope.model.config.DetectorSettings;
import dev.periscope.model.config.Policy;
import dev.periscope.model.config.RuntimeConfig;

/**
 * Builds the {@link DetectorStage} of one runtime-config version: every enabled detector, each with the state
 * {@link DetectorStates} keeps for its settings (so unchanged detectors keep their windows across a reload) or, for
 * the behaviour detectors, the process-wide {@link Baselines}. A disabled detector's windows are dropped.
 */
public final class DetectorFactory {
    /** Every detector name, as used in {@code periscope_detector_*{detector}}. */
    public static final List<String> DETECTOR_NAMES = List.of(BolaDetector.NAME, BruteForceDetector.NAME,
            "rate_anomaly", PaymentAbuseDetector.NAME, ReplayDetector.NAME, PathScanDetector.NAME,
            GeoSpreadDetector.NAME, "ip_rate", ResponseSizeDetector.NAME, LatencyDetector.NAME,
            ErrorRateDetector.NAME, AuthInconsistentDetector.NAME);

    private final DetectorStates states;
    private final Baselines baselines;
    private final SkipListener skips;
    private final Clock clock;
    private final StartupSuppression startup;
    private final int maxKeys;

    /**
     * @param startedAt when the process started (start-up suppression of the behaviour detectors)
     * @param maxKeys   keys each windowed detector tracks at most (each of brute force's two tables too)
     */
    public DetectorFactory(DetectorStates states, Baselines baselines, SkipListener skips, Clock clock,
            Instant startedAt, int maxKeys) {
        this.states = Objects.requireNonNull(states, "states");
        this.baselines = Objects.requireNonNull(baselines, "baselines");
        this.skips = Objects.requireNonNull(skips, "skips");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startup = new StartupSuppression(clock, startedAt);
        this.maxKeys = maxKeys;
    }

    /** A factory with fresh in-memory state and no persistence or metrics (tests, benchmarks), started now. */
    public static DetectorFactory inMemory(Clock clock, int maxKeys) {
        return new DetectorFactory(new DetectorStates(), new Baselines(maxKeys, SkipListener.NONE), SkipListener.NONE,
                clock, clock.instant(), maxKeys);
    }

    public DetectorStage stage(RuntimeConfig config) {
        DetectorSettings d = config.detection().detectors();
        Policy policy = config.policy();
        List<Detector> detectors = new ArrayList<>();
        if (enabled(BolaDetector.NAME, d.bola().enabled())) {
            detectors.add(new BolaDetector(d.bola(), windows(BolaDetector.NAME, d.bola()), skips));
        }
        if (enabled(BruteForceDetector.NAME, d.bruteForce().enabled())) {
            BruteForceDetector.State state = states.obtain(BruteForceDetector.NAME, d.bruteForce(),
                    () -> new BruteForceDetector.State(table(BruteForceDetector.NAME), table(BruteForceDetector.NAME)));
            detectors.add(new BruteForceDetector(d.bruteForce(), state, skips));
        }
        if (enabled("rate_anomaly", d.rateAnomaly().enabled())) {
            detectors.add(new RateDetector("rate_anomaly", DetectorFlags.RATE_ANOMALY, RateDetector.Keying.CONSUMER,
                    d.rateAnomaly(), windows("rate_anomaly", d.rateAnomaly()), skips));
        }
        if (enabled(PaymentAbuseDetector.NAME, d.paymentAbuse().enabled())) {
            detectors.add(new PaymentAbuseDetector(d.paymentAbuse(), windows(PaymentAbuseDetector.NAME,
                    d.paymentAbuse()), skips));
        }
        if (enabled(ReplayDetector.NAME, d.replay().enabled())) {
            detectors.add(new ReplayDetector(d.replay(), windows(ReplayDetector.NAME, d.replay()), skips));
        }
        if (enabled(PathScanDetector.NAME, d.pathScan().enabled())) {
            detectors.add(new PathScanDetector(d.pathScan(), windows(PathScanDetector.NAME, d.pathScan()), skips));
        }
        if (enabled(GeoSpreadDetector.NAME, d.geoSpread().enabled())) {
            detectors.add(new GeoSpreadDetector(d.geoSpread(),
                    new HostingAsns(policy.hostingAsns(), policy.trustedEgressAsns()),
                    windows(GeoSpreadDetector.NAME, d.geoSpread()), skips));
        }
        if (enabled("ip_rate", d.ipRate().enabled())) {
            detectors.add(new RateDetector("ip_rate", DetectorFlags.IP_RATE_ANOMALY, RateDetector.Keying.SOURCE_IP,
                    d.ipRate(), windows("ip_rate", d.ipRate()), skips));
        }
        if (d.responseSize().enabled()) {
            detectors.add(new ResponseSizeDetector(d.responseSize(), baselines.responseSizes(), skips));
        }
        if (d.behavior().enabled()) {
            detectors.add(new LatencyDetector(d.behavior(), baselines.latencies(), startup, skips));
            detectors.add(new ErrorRateDetector(d.behavior(), baselines.errorRates(d.behavior().errorRateFastAlpha(),
                    d.behavior().errorRateSlowAlpha()), startup, skips));
        }
        if (enabled(AuthInconsistentDetector.NAME, d.authInconsistent().enabled())) {
            detectors.add(new AuthInconsistentDetector(d.authInconsistent(),
                    windows(AuthInconsistentDetector.NAME, d.authInconsistent())));
        }
        return new DetectorStage(detectors, policy.trustedProxyCidrs(), clock, skips);
    }

    /** Keys the detector currently tracks (windows or baselines). */
    public long entries(String detector) {
        return states.entries(detector) + baselines.entries(detector);
    }

    private boolean enabled(String detector, boolean enabled) {
        if (!enabled) {
            states.discard(detector);
        }
        return enabled;
    }

    private <S> KeyedState<S> windows(String detector, Object settings) {
        Supplier<KeyedState<S>> fresh = () -> table(detector);
        return states.obtain(detector, settings, fresh);
    }

    private <S> KeyedState<S> table(String detector) {
        return new KeyedState<>(detector, maxKeys, skips);
    }
}
