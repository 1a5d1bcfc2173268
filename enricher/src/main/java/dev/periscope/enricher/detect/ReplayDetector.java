package dev.periscope.enricher.detect;

import java.util.Set;

import dev.periscope.model.config.WindowSettings;
import dev.periscope.model.v1.AccessEvent;

/**
 * {@code replay}: the same signed or nonce-bound request accepted (2xx) {@code threshold} times within the window,
 * per listener, is flagged {@code replay_suspect}.
 * <p>
 * <b>What the gateway lets us see.</b> Signature and nonce <i>values</i> never leave the gateway, so the fingerprint
 * is a seeded in-memory hash of project, listener, method, raw path, query-parameter names, the caller (consumer
 * hash, else source address) and the request id — the only per-request nonce on the event. It is meaningful only
 * where the edge proxy keeps the client's {@code x-request-id} (Envoy otherwise generates a fresh one per request,
 * and nothing ever repeats). A request counts as signed or nonce-bound when it carries a signature/nonce query
 * parameter ({@link #SIGNED_QUERY_NAMES}: OAuth 1, SigV4 / GCS signed URLs, generic {@code signature}/{@code nonce});
 * a forwarded signature header ({@link #SIGNED_HEADERS}, only with {@code store_headers} and the header allow-listed)
 * or an auth scheme outside the known ones (hint {@code other}: HMAC, SigV4, HTTP-Signature, Hawk, OAuth 1) on a
 * mutating call. Without a request id the event is skipped ({@code no_nonce}).
 */
public final class ReplayDetector implements Detector {
    public static final String NAME = "replay";
    static final Set<String> SIGNED_QUERY_NAMES = Set.of("oauth_signature", "oauth_nonce", "x-amz-signature",
            "x-goog-signature", "signature", "sig", "nonce", "hmac");
    static final Set<String> SIGNED_HEADERS = Set.of("signature", "x-signature", "x-hub-signature",
            "x-hub-signature-256", "x-request-signature", "x-nonce", "x-amz-content-sha256");

    private final WindowSettings settings;
    private final KeyedState<SlidingCounts> state;
    private final SkipListener skips;

    public ReplayDetector(WindowSettings settings, KeyedState<SlidingCounts> state, SkipListener skips) {
        this.settings = settings;
        this.state = state;
        this.skips = skips;
    }

    @Override
    public String name() {
        return NAME;
    }

    static boolean isSigned(AccessEvent raw, boolean mutating) {
        for (String name : raw.getQueryParamNamesList()) {
            if (SIGNED_QUERY_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        if (!mutating) {
            return false;
        }
        for (String header : raw.getHeadersMap().keySet()) {
            if (SIGNED_HEADERS.contains(header)) {
                return true;
            }
        }
        return raw.getAuthHintsList().contains("other");
    }

    @Override
    public void observe(DetectorEvent event) {
        if (!event.isSuccess() || !isSigned(event.raw(), event.isMutating())) {
            return;
        }
        AccessEvent raw = event.raw();
        if (raw.getRequestId().isEmpty()) {
            skips.skipped(NAME, Skips.NO_NONCE);
            return;
        }
        long fingerprint = Keys.volatileKey(raw.getProjectId(), raw.getListenerName(), raw.getMethod(), raw.getPath(),
                String.join("&", raw.getQueryParamNamesList()), raw.getConsumerHash(), raw.getSourceIp(),
                raw.getRequestId());
        long windowMillis = settings.windowSeconds() * 1000L;
        long now = event.nowMillis();
        long seen = state.apply(fingerprint, () -> new SlidingCounts(windowMillis, 1), counts -> {
            counts.add(now, 0, 1);
            return counts.sum(now, 0);
        });
        if (seen >= settings.threshold()) {
            event.flag(DetectorFlags.REPLAY_SUSPECT);
        }
    }
}
