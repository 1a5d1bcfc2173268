package dev.periscope.enricher.classify.stages;

import java.util.List;
import java.util.Map;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.config.Policy;
import dev.periscope.model.config.RuntimeConfigParser;
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
        return parse(Map.of("hash_source_ip", hashIp, "hash_user_agent", hashUa, "store_raw_source_ip", storeRawIp,
                "store_raw_user_agent", storeRawUa));
    }

    static Policy trustedTlsProxies(String... cidrs) {
        return parse(Map.of("trusted_tls_proxy_cidrs", List.of(cidrs)));
    }

    private static Policy parse(Map<String, Object> policy) {
        return RuntimeConfigParser.parse(Map.of("version", 1, "policy", policy)).config().orElseThrow().policy();
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
