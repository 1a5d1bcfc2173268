package dev.periscope.enricher.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.Classifier;
import dev.periscope.enricher.classify.stages.IdentityCounters;
import dev.periscope.enricher.detect.baseline.Baselines;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.score.RiskScores;
import dev.periscope.enricher.score.ScoreStage;
import dev.periscope.enricher.service.ClassifierFactory;
import dev.periscope.model.HashSalt;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.config.RuntimeConfigParser;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * The detector stage inside the production pipeline (after {@code StatusMethodStage}, as ClassifierFactory wires
 * it): real path templating, identity (which clears the output's source address) and endpoint categories feed the
 * detectors. Scripted attackers next to a benign client; each carries exactly its own flag.
 */
class DetectorPipelineTest {
    private static final List<String> ATTACK_FLAGS = List.of(DetectorFlags.BOLA_SUSPECT,
            DetectorFlags.BRUTE_FORCE_SUSPECT, DetectorFlags.PATH_SCAN_SUSPECT, DetectorFlags.PAYMENT_ABUSE_SUSPECT,
            DetectorFlags.REPLAY_SUSPECT, DetectorFlags.RATE_ANOMALY, DetectorFlags.IP_RATE_ANOMALY,
            DetectorFlags.IMPOSSIBLE_TRAVEL, DetectorFlags.OVERSIZED_RESPONSE, DetectorFlags.ERROR_RATE_SPIKE,
            DetectorFlags.LATENCY_ANOMALY, DetectorFlags.AUTH_INCONSISTENT);

    private final MutableClock clock = new MutableClock(Harness.START);
    private Classifier classifier;
    private int benignCalls;
    private final Set<String> unknownFlags = new java.util.HashSet<>();

    @BeforeEach
    void pipeline() {
        RuntimeConfig config = RuntimeConfigParser.parse(Map.of("version", 1)).config().orElseThrow();
        RotatingHasher hasher = RotatingHasher.of(HashSalt.parse("k3J9-pQ2x!Lm7vRt8wZ"), "k1");
        DetectorFactory detectors = new DetectorFactory(new DetectorStates(),
                new Baselines(10_000, SkipListener.NONE), SkipListener.NONE, clock, Harness.START, 10_000);
        ClassifierFactory factory = new ClassifierFactory(new ClassifierFactory.Shared(hasher, new IdentityCounters(),
                null, null, GeoIpStage.withoutData(), ThreatIntelStage.withoutData(), detectors, (s, e) -> {
                    throw e;
                }, new ScoreStage.ScoreObserver() {
                    @Override
                    public void scored(Set<String> flags, RiskScores scores) {
                    }

                    @Override
                    public void unknownFlag(String flag) {
                        unknownFlags.add(flag);
                    }
                }));
        List<ClassificationStage> stages = factory.stages(config);
        classifier = new Classifier(stages, (s, e) -> {
            throw e;
        });
    }

    private AccessEvent classify(AccessEvent.Builder raw) {
        return classifier.classify(raw.setTsMs(0).build());
    }

    private static AccessEvent.Builder call(String method, String path, int status, String ip) {
        return AccessEvents.rawHttp("pipeline-test", method, path, status).setSourceIp(ip);
    }

    private AccessEvent benign() {
        return classify(call("GET", "/api/v1/catalog/" + benignCalls++ % 5, 200, "192.0.2.10")
                .setConsumerHash("b0b0b0b0b0b0b0b0").setConsumerScheme("jwt").setAuthObserved(true)
                .addAuthHints("bearer"));
    }

    @Test
    void scriptedAttackersCarryTheirFlagsAndBenignTrafficNone() {
        AccessEvent last = null;
        for (int i = 0; i < 20; i++) {
            last = classify(call("POST", "/api/v1/login", 401, "198.51.100.20"));
            assertThat(benign().getRiskFlagsList()).doesNotContainAnyElementsOf(ATTACK_FLAGS);
        }
        assertThat(last.getEndpointCategoriesList()).contains("auth");
        assertThat(last.getSourceIp()).as("identity cleared the output's address").isEmpty();
        assertThat(last.getRiskFlagsList()).contains(DetectorFlags.BRUTE_FORCE_SUSPECT)
                .doesNotContain(DetectorFlags.PATH_SCAN_SUSPECT, DetectorFlags.BOLA_SUSPECT);

        for (int i = 0; i < 60; i++) {
            last = classify(call("GET", "/scan/word" + (char) ('a' + i % 26) + (char) ('a' + i / 26), 404,
                    "198.51.100.30").setUserAgent("Nikto/2.5"));
            assertThat(benign().getRiskFlagsList()).doesNotContainAnyElementsOf(ATTACK_FLAGS);
        }
        assertThat(last.getRiskFlagsList()).contains(DetectorFlags.PATH_SCAN_SUSPECT)
                .doesNotContain(DetectorFlags.BRUTE_FORCE_SUSPECT);

        for (int i = 0; i < 50; i++) {
            last = classify(call("GET", "/api/v1/orders/" + (100_000 + i), i % 2 == 0 ? 403 : 200, "198.51.100.40")
                    .setConsumerHash("e1e1e1e1e1e1e1e1").setConsumerScheme("jwt").setAuthObserved(true)
                    .addAuthHints("bearer"));
            assertThat(benign().getRiskFlagsList()).doesNotContainAnyElementsOf(ATTACK_FLAGS);
        }
        assertThat(last.getNormalizedPath()).isEqualTo("/api/v1/orders/{id}");
        assertThat(last.getRiskFlagsList()).contains(DetectorFlags.BOLA_SUSPECT)
                .doesNotContain(DetectorFlags.PATH_SCAN_SUSPECT, DetectorFlags.BRUTE_FORCE_SUSPECT);
        assertThat(last.getRiskScore()).as("the score stage weighs detector flags").isPositive();
        assertThat(unknownFlags).as("every detector flag is known to the scorer").isEmpty();
    }
}
