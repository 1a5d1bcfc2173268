package dev.periscope.enricher.service;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.Classifier;
import dev.periscope.enricher.classify.path.LearnedPathShapes;
import dev.periscope.enricher.classify.path.NormalizeGapDetector;
import dev.periscope.enricher.classify.path.PathStage;
import dev.periscope.enricher.classify.stages.AuthSchemeStage;
import dev.periscope.enricher.classify.stages.ConfirmedStage;
import dev.periscope.enricher.classify.stages.EndpointCategoryStage;
import dev.periscope.enricher.classify.stages.HostExposureStage;
import dev.periscope.enricher.classify.stages.IdentityCounters;
import dev.periscope.enricher.classify.stages.IdentityStage;
import dev.periscope.enricher.classify.stages.ProbePathStage;
import dev.periscope.enricher.classify.stages.QueryPiiStage;
import dev.periscope.enricher.classify.stages.ResponseHeaderStage;
import dev.periscope.enricher.classify.stages.StatusMethodStage;
import dev.periscope.enricher.classify.stages.TransportSecurityStage;
import dev.periscope.enricher.classify.stages.UserAgentStage;
import dev.periscope.enricher.detect.DetectorFactory;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.score.ScoreStage;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.config.Policy;
import dev.periscope.model.config.RuntimeConfig;

/**
 * Builds the classification pipeline for one runtime-config version. The order matters: the path stage writes
 * {@code normalized_path} for everything after it; the UA, transport, header, host and probe stages raise the flags
 * {@link ConfirmedStage} reads, so it runs after them; the enrichment chain runs GeoIP → UA → threat intel
 * (the reference's order; its GeoIP and threat-intel stages are shared by every version, their data swapped by their own
 * pollers); the detectors (one stage, rebuilt per version over windows
 * that survive a reload when their settings did not change) read categories, status flags and geo tags; {@link ScoreStage} weighs the final flag set, so it runs last. State that must outlive a reload (learned path shapes, the gap
 * detector, identity counters) is passed in and shared by every version.
 */
public final class ClassifierFactory implements Function<RuntimeConfig, Classifier> {
    private final Shared shared;

    public ClassifierFactory(Shared shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /**
     * What every pipeline version shares: state that must survive a reload, and the listeners. {@code learnedShapes}
     * / {@code gapDetector} may be null: path learning / gap detection off.
     */
    public record Shared(RotatingHasher hasher, IdentityCounters identityCounters, LearnedPathShapes learnedShapes,
            NormalizeGapDetector gapDetector, GeoIpStage geoIp, ThreatIntelStage threatIntel,
            DetectorFactory detectors, Classifier.StageFailures failures, ScoreStage.ScoreObserver scores) {
        public Shared {
            Objects.requireNonNull(hasher, "hasher");
            Objects.requireNonNull(geoIp, "geoIp");
            Objects.requireNonNull(threatIntel, "threatIntel");
            Objects.requireNonNull(detectors, "detectors");
            Objects.requireNonNull(identityCounters, "identityCounters");
            Objects.requireNonNull(failures, "failures");
            Objects.requireNonNull(scores, "scores");
        }
    }

    @Override
    public Classifier apply(RuntimeConfig config) {
        return new Classifier(stages(config), shared.failures());
    }

    /** The stages for {@code config}, in pipeline order. */
    public List<ClassificationStage> stages(RuntimeConfig config) {
        Policy policy = config.policy();
        return List.of(
                PathStage.of(policy, shared.learnedShapes(), shared.gapDetector()),
                new IdentityStage(policy, shared.hasher(), shared.identityCounters()),
                new AuthSchemeStage(),
                new QueryPiiStage(config.detection(), policy.piiDetectors()),
                new EndpointCategoryStage(),
                shared.geoIp(),
                new UserAgentStage(),
                shared.threatIntel(),
                new TransportSecurityStage(policy),
                new ResponseHeaderStage(),
                new HostExposureStage(),
                new ProbePathStage(),
                new StatusMethodStage(),
                shared.detectors().stage(config),
                new ConfirmedStage(),
                new ScoreStage(shared.scores()));
    }
}
