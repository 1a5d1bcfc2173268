package dev.periscope.enricher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.Classifier;
import dev.periscope.enricher.classify.ClassifierHolder;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.path.InMemoryPathShapeStore;
import dev.periscope.enricher.classify.path.LearnedPathShapes;
import dev.periscope.enricher.classify.path.NormalizeGapDetector;
import dev.periscope.enricher.classify.stages.IdentityCounters;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.score.ScoreStage;
import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

/** The production pipeline as the enricher assembles it: order, one event end to end, reloads, failing stages. */
class ClassifierFactoryTest {
    private static final RotatingHasher HASHER = HashSaltSettings.parse("k3J9-pQ2x!Lm7vRt8wZ").hasher(Clock.systemUTC());
    private final List<String> failures = new ArrayList<>();
    private final ClassifierFactory factory = new ClassifierFactory(new ClassifierFactory.Shared(HASHER,
            new IdentityCounters(),
            new LearnedPathShapes(new InMemoryPathShapeStore(Clock.systemUTC()), Clock.systemUTC(), 1000),
            new NormalizeGapDetector(Clock.systemUTC()), GeoIpStage.withoutData(), ThreatIntelStage.withoutData(),
            DetectorFactory.inMemory(Clock.systemUTC(), 10_000),
            (stage, error) -> failures.add(stage),
            ScoreStage.ScoreObserver.NONE));

    private static AccessEvent raw() {
        return AccessEvent.newBuilder().setStage(EventStage.EVENT_STAGE_RAW).setEventId("65f1c0ffee0000000000abcd")
                .setProjectId("acme").setListenerName("public-edge").setProtocol("http/1.1").setMethod("GET")
                .setHost("api.acme.test").setPath("/admin/users/12345/orders/3f2b1c9e-8a7d-4e6f-9b0c-1d2e3f4a5b6c")
                .setStatusCode(200).setSourceIp("203.0.113.9").setUserAgent("sqlmap/1.7.2#stable")
                .setContentType("application/json").setRouteName("users").setUpstreamCluster("users-v1")
                .setRouteMatched(true).build();
    }

    @Test
    void pathFirstConfirmedLastAndEveryStageOnce() {
        List<String> names = factory.apply(RuntimeConfig.defaults()).stageNames();

        assertThat(names.get(0)).isEqualTo("path");
        assertThat(names.get(names.size() - 3)).isEqualTo("detectors");
        assertThat(names.get(names.size() - 2)).isEqualTo("confirmed");
        assertThat(names.get(names.size() - 1)).isEqualTo("score");
        assertThat(names).doesNotHaveDuplicates().hasSize(16);
        assertThat(names).containsSubsequence("geoip", "user_agent", "threat_intel", "detectors");
    }

    @Test
    void classifiesOneEventEndToEnd() {
        AccessEvent out = factory.apply(RuntimeConfig.defaults()).classify(raw());

        assertThat(out.getStage()).isEqualTo(EventStage.EVENT_STAGE_ENRICHED);
        assertThat(out.getNormalizedPath()).isEqualTo("/admin/users/{id}/orders/{uuid}");
        assertThat(out.getSourceIp()).isEmpty();
        assertThat(out.getUserAgent()).isEmpty();
        assertThat(out.getSourceIpHash()).isEqualTo(HASHER.hash("203.0.113.9"));
        assertThat(out.getEndpointCategoriesList()).contains("admin");
        assertThat(out.getTagsMap()).containsEntry("ua.class", "scanner");
        assertThat(out.getRiskFlagsList()).contains("scanner_user_agent");
        assertThat(out.getConfirmed()).as("a scanner's call is attack surface, not inventory").isFalse();
        assertThat(out.getRiskScore()).as("scanner_user_agent (High 7) tops the threat axis").isGreaterThanOrEqualTo(7);
        assertThat(failures).isEmpty();
    }

    @Test
    void aNewRuntimeConfigVersionSwapsThePipeline() {
        RuntimeConfigHolder configs = new RuntimeConfigHolder();
        ClassifierHolder holder = new ClassifierHolder(configs, factory);
        Classifier first = holder.current();

        configs.offer(Map.of("version", 2, "policy", Map.of("store_raw_source_ip", true)));

        assertThat(holder.current()).isNotSameAs(first);
        assertThat(holder.version()).isEqualTo(2);
        assertThat(holder.current().classify(raw()).getSourceIp()).isEqualTo("203.0.113.9");
        assertThat(first.classify(raw()).getSourceIp()).as("an event in flight keeps its pipeline").isEmpty();
    }

    @Test
    void aStageThatThrowsIsCountedAndTheEventStillLeaves() {
        ClassificationStage broken = new ClassificationStage() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void apply(EventDraft draft) {
                throw new IllegalStateException("boom");
            }
        };
        List<ClassificationStage> stages = new ArrayList<>(factory.stages(
                RuntimeConfig.defaults()));
        stages.add(1, broken);

        AccessEvent out = new Classifier(stages, (stage, error) -> failures.add(stage)).classify(raw());

        assertThat(failures).containsExactly("broken");
        assertThat(out.getNormalizedPath()).isEqualTo("/admin/users/{id}/orders/{uuid}");
        assertThat(out.getSourceIpHash()).hasSize(16);
    }
}
