package dev.periscope.enricher.classify.stages;

import java.util.List;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.config.CidrBlock;
import dev.periscope.model.config.Policy;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/** Test fixtures: a realistic raw event, a draft run through stages, policies that differ from the defaults. */
final class Events {
    private Events() {
    }

    /** A raw HTTP/1.1 call as the gateway publishes it (route matched, JSON, a Firefox user agent). */
    static AccessEvent.Builder raw(String method, String path, int status) {
        return AccessEvents.rawHttp("stages-test", method, path, status);
    }

    /** A bare raw event: no route, no content type, no user agent, no host — only what a test sets. */
    static AccessEvent.Builder bare() {
        return AccessEvent.newBuilder().setMethod("GET").setPath("/").setProtocol("http/1.1");
    }

    static EventDraft draft(AccessEvent.Builder raw, ClassificationStage... stages) {
        EventDraft draft = new EventDraft(raw.build());
        for (ClassificationStage stage : stages) {
            stage.apply(draft);
        }
        return draft;
    }

    static Policy policy(boolean hashIp, boolean hashUa, boolean storeRawIp, boolean storeRawUa) {
        Policy d = Policy.defaults();
        return new Policy(d.storeHeaders(), d.headerAllowlist(), hashIp, hashUa, storeRawIp, storeRawUa,
                d.rawSampleRate(), d.queryParamsCap(), d.credentialParamNames(), d.ingestDenyPatterns(), d.exclude(),
                d.trustedProxyCidrs(), d.trustedTlsProxyCidrs(), d.maxPathBytes(), d.pathNormalization(),
                d.piiDetectors());
    }

    static Policy trustedTlsProxies(String... cidrs) {
        Policy d = Policy.defaults();
        return new Policy(d.storeHeaders(), d.headerAllowlist(), d.hashSourceIp(), d.hashUserAgent(),
                d.storeRawSourceIp(), d.storeRawUserAgent(), d.rawSampleRate(), d.queryParamsCap(),
                d.credentialParamNames(), d.ingestDenyPatterns(), d.exclude(), d.trustedProxyCidrs(),
                List.of(cidrs).stream().map(CidrBlock::parse).toList(), d.maxPathBytes(), d.pathNormalization(),
                d.piiDetectors());
    }

    /** A hostile string of {@code length} characters built by repeating {@code unit}. */
    static String repeat(String unit, int length) {
        StringBuilder out = new StringBuilder(length + unit.length());
        while (out.length() < length) {
            out.append(unit);
        }
        return out.substring(0, length);
    }
}
