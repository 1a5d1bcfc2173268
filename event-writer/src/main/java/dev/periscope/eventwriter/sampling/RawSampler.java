package dev.periscope.eventwriter.sampling;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.periscope.model.v1.AccessEvent;

/**
 * Risk-preserving raw sampling ({@code policy.raw_sample_rate}). With rate N ≥ 2 a benign event (2xx, no gRPC
 * error, risk score 0, only posture flags) is kept 1 in N with {@code sample_weight = N}; every other event is kept
 * with weight 1. The choice hangs on the event id, not on chance, so a replay after a crash keeps the same rows.
 */
public final class RawSampler {
    /** Exposure flags (the collector's samplingPostureFlags); any other flag makes an event risky. */
    public static final Set<String> POSTURE_FLAGS = Set.of("internal_host", "external_host", "unauthenticated",
            "plain_text_transport", "legacy_protocol", "weak_tls_version", "missing_hsts", "missing_csp",
            "missing_x_frame_options", "missing_x_content_type_options", "version_disclosure", "permissive_cors",
            "weak_token_ttl", "error_status", "client_error_status");

    /** Weight 0: the event is sampled out. */
    public static final int DROP = 0;

    private RawSampler() {
    }

    /** @return the sample weight to store the event with, or {@link #DROP} */
    public static int weight(AccessEvent event, int sampleRate) {
        if (sampleRate < 2 || !benign(event)) {
            return 1;
        }
        return Long.remainderUnsigned(fnv1a(event.getEventId()), sampleRate) == 0 ? sampleRate : DROP;
    }

    public static boolean benign(AccessEvent event) {
        int status = event.getStatusCode();
        if (status < 200 || status >= 300 || event.getRiskScore() != 0) {
            return false;
        }
        if (event.hasGrpcStatus() && event.getGrpcStatus() != 0) {
            return false;
        }
        for (String flag : event.getRiskFlagsList()) {
            if (!POSTURE_FLAGS.contains(flag)) {
                return false;
            }
        }
        return true;
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
