package dev.periscope.enricher.classify.stages;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.v1.AccessEvent;

/**
 * {@code confirmed}: the call reached a real API route, as opposed to attack surface (probes, scans, misses).
 * <ol>
 * <li>Forced false when the event is a scan or a probe ({@code scanner_user_agent}, {@code vuln_probe_path}),
 * Envoy found no route ({@code NR}) or no cluster ({@code NC}) in {@code response_flags}, or the content is
 * static or a single-page-app shell (an asset extension on the path, or an HTML, CSS, script, image, font, audio
 * or video content type).</li>
 * <li>Otherwise true when Envoy matched a route: {@code route_name} or {@code upstream_cluster} is set, whatever the
 * status code. ({@code route_matched} alone is no evidence: the gateway sets it whenever {@code NR} is absent.)</li>
 * <li>Without any routing signal: true for a 2xx–3xx response with an API content type (JSON, XML, gRPC, protobuf,
 * GraphQL, …; see {@link StaticContent#isApiContentType}).</li>
 * </ol>
 * <b>Order: last</b>, after {@link UserAgentStage} and {@link ProbePathStage} (it reads their flags) and after the
 * transport stages.
 */
public final class ConfirmedStage implements ClassificationStage {

    @Override
    public String name() {
        return "confirmed";
    }

    @Override
    public void apply(EventDraft draft) {
        draft.out().setConfirmed(isConfirmed(draft));
    }

    private static boolean isConfirmed(EventDraft draft) {
        AccessEvent raw = draft.raw();
        if (draft.hasFlag(Flags.SCANNER_USER_AGENT) || draft.hasFlag(Flags.VULN_PROBE_PATH)
                || raw.getResponseFlagsList().contains("NR") || raw.getResponseFlagsList().contains("NC")
                || StaticContent.isStaticContentType(raw.getContentType())
                || StaticContent.isAssetPath(ClassifiedPath.raw(draft))) {
            return false;
        }
        if (!raw.getRouteName().isEmpty() || !raw.getUpstreamCluster().isEmpty()) {
            return true;
        }
        int status = raw.getStatusCode();
        return status >= 200 && status <= 399 && StaticContent.isApiContentType(raw.getContentType());
    }
}
