package dev.periscope.gateway.mapping;

import java.util.ArrayList;
import java.util.List;

import dev.periscope.gateway.als.slim.ResponseFlags;

/** Envoy's response flags as the short names of its access-log format ({@code %RESPONSE_FLAGS%}). */
final class ResponseFlagNames {
    private ResponseFlagNames() {
    }

    static List<String> of(ResponseFlags f) {
        List<String> names = new ArrayList<>(2);
        add(names, f.getFailedLocalHealthcheck(), "LH");
        add(names, f.getNoHealthyUpstream(), "UH");
        add(names, f.getUpstreamRequestTimeout(), "UT");
        add(names, f.getLocalReset(), "LR");
        add(names, f.getUpstreamRemoteReset(), "UR");
        add(names, f.getUpstreamConnectionFailure(), "UF");
        add(names, f.getUpstreamConnectionTermination(), "UC");
        add(names, f.getUpstreamOverflow(), "UO");
        add(names, f.getNoRouteFound(), "NR");
        add(names, f.getDelayInjected(), "DI");
        add(names, f.getFaultInjected(), "FI");
        add(names, f.getRateLimited(), "RL");
        add(names, f.hasUnauthorizedDetails(), "UAEX");
        add(names, f.getRateLimitServiceError(), "RLSE");
        add(names, f.getDownstreamConnectionTermination(), "DC");
        add(names, f.getUpstreamRetryLimitExceeded(), "URX");
        add(names, f.getStreamIdleTimeout(), "SI");
        add(names, f.getInvalidEnvoyRequestHeaders(), "IH");
        add(names, f.getDownstreamProtocolError(), "DPE");
        add(names, f.getUpstreamMaxStreamDurationReached(), "UMSDR");
        add(names, f.getResponseFromCacheFilter(), "RFCF");
        add(names, f.getNoFilterConfigFound(), "NFCF");
        add(names, f.getDurationTimeout(), "DT");
        add(names, f.getUpstreamProtocolError(), "UPE");
        add(names, f.getNoClusterFound(), "NC");
        add(names, f.getOverloadManager(), "OM");
        add(names, f.getDnsResolutionFailure(), "DF");
        add(names, f.getDownstreamRemoteReset(), "DR");
        return names;
    }

    private static void add(List<String> names, boolean set, String name) {
        if (set) {
            names.add(name);
        }
    }
}
