package dev.periscope.enricher.classify.stages;

import java.time.Clock;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.score.ScoreStage;
import dev.periscope.enricher.service.ClassifierFactory;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.config.RuntimeConfig;

/** The production pipeline's stages after the path stage, in their order (scores included), with the default runtime config. */
final class PipelineOrder {
    private PipelineOrder() {
    }

    static ClassificationStage[] stagesAfterPath() {
        ClassifierFactory factory = new ClassifierFactory(new ClassifierFactory.Shared(
                HashSaltSettings.parse("k3J9-pQ2x!Lm7vRt8wZ").hasher(Clock.systemUTC()), new IdentityCounters(), null,
                null, GeoIpStage.withoutData(), ThreatIntelStage.withoutData(), DetectorFactory.inMemory(Clock.systemUTC(), 10_000), (stage, error) -> {
                    throw error;
                }, ScoreStage.ScoreObserver.NONE));
        return factory.stages(RuntimeConfig.defaults()).stream().skip(1).toArray(ClassificationStage[]::new);
    }
}
