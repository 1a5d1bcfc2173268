package dev.periscope.enricher.detect;

import dev.periscope.model.config.AuthInconsistentSettings;

/**
 * {@code auth_inconsistent} evidence, per endpoint: when, within the window, the endpoint served an authenticated
 * call and refused (401/403) an anonymous one, an anonymous call it <i>accepted</i> (2xx) is flagged
 * {@code auth_inconsistent} — the endpoint enforces authentication on some paths through it but not all. Only the
 * accepted anonymous calls carry the flag; the inventory derives the endpoint-level verdict from them.
 */
public final class AuthInconsistentDetector implements Detector {
    public static final String NAME = "auth_inconsistent";
    private static final int AUTHENTICATED = 0;
    private static final int ANONYMOUS_REFUSED = 1;
    private static final int ANONYMOUS_ACCEPTED = 2;

    private final AuthInconsistentSettings settings;
    private final KeyedState<long[]> state;

    public AuthInconsistentDetector(AuthInconsistentSettings settings, KeyedState<long[]> state) {
        this.settings = settings;
        this.state = state;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(DetectorEvent event) {
        int kind;
        if (event.isAuthenticated()) {
            kind = AUTHENTICATED;
        } else if (event.isRefused()) {
            kind = ANONYMOUS_REFUSED;
        } else if (event.isSuccess()) {
            kind = ANONYMOUS_ACCEPTED;
        } else {
            return;
        }
        long now = event.nowMillis();
        long since = now - settings.windowSeconds() * 1000L;
        boolean inconsistent = state.apply(event.endpointKey(), () -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE}, seen -> {
                    seen[kind] = Math.max(seen[kind], now);
                    return kind == ANONYMOUS_ACCEPTED && seen[AUTHENTICATED] > since
                            && seen[ANONYMOUS_REFUSED] > since;
                });
        if (inconsistent) {
            event.flag(DetectorFlags.AUTH_INCONSISTENT);
        }
    }
}
