package dev.periscope.enricher.detect;

import dev.periscope.model.config.GeoSpreadSettings;

/**
 * {@code geo_spread} / impossible travel, per consumer, from the GeoIP stage's {@code geo.continent} tag. Within the
 * window it tracks the continents seen and the switches between consecutive events' continents. Once at least
 * {@code threshold} continents and {@code min_switches} switches fall within the window, the consumer's events are
 * flagged {@code impossible_travel}; with {@code escalate_hosting_asn}, a single switch onto a hosting/VPN AS
 * ({@link HostingAsns}) is enough. Any other switch is flagged {@code geo_change} (Info). Skipped: anonymous events
 * ({@code no_consumer}), mTLS consumers with {@code skip_mtls} ({@code mtls}), events without an external location
 * ({@code no_geo}: internal address, no GeoIP database, unknown address).
 */
public final class GeoSpreadDetector implements Detector {
    public static final String NAME = "geo_spread";

    private final GeoSpreadSettings settings;
    private final HostingAsns hostingAsns;
    private final KeyedState<Travel> state;
    private final SkipListener skips;

    /** One consumer's recent continents and switch times; fixed size. */
    public static final class Travel {
        private static final int MAX_SWITCHES = 32;
        private final String[] continents = new String[8];
        private final long[] continentSeenAt = new long[8];
        private int continentCount;
        private final long[] switches = new long[MAX_SWITCHES];
        private int switchCount;
        private int nextSwitch;
        private String last;

        /** Records a sighting; returns whether it switched continents from the previous one. */
        boolean observe(String continent, long now) {
            int slot = -1;
            for (int i = 0; i < continentCount; i++) {
                if (continents[i].equals(continent)) {
                    slot = i;
                }
            }
            if (slot < 0) {
                slot = continentCount < continents.length ? continentCount++ : oldestContinent();
                continents[slot] = continent;
            }
            continentSeenAt[slot] = now;
            boolean switched = last != null && !last.equals(continent);
            last = continent;
            if (switched) {
                switches[nextSwitch] = now;
                nextSwitch = (nextSwitch + 1) % MAX_SWITCHES;
                switchCount = Math.min(MAX_SWITCHES, switchCount + 1);
            }
            return switched;
        }

        private int oldestContinent() {
            int oldest = 0;
            for (int i = 1; i < continentCount; i++) {
                if (continentSeenAt[i] < continentSeenAt[oldest]) {
                    oldest = i;
                }
            }
            return oldest;
        }

        int continentsSince(long since) {
            int n = 0;
            for (int i = 0; i < continentCount; i++) {
                if (continentSeenAt[i] > since) {
                    n++;
                }
            }
            return n;
        }

        int switchesSince(long since) {
            int n = 0;
            for (int i = 0; i < switchCount; i++) {
                if (switches[i] > since) {
                    n++;
                }
            }
            return n;
        }
    }

    private record Verdict(boolean switched, boolean spread) {
    }

    public GeoSpreadDetector(GeoSpreadSettings settings, HostingAsns hostingAsns, KeyedState<Travel> state,
            SkipListener skips) {
        this.settings = settings;
        this.hostingAsns = hostingAsns;
        this.state = state;
        this.skips = skips;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(DetectorEvent event) {
        if (!event.hasConsumer()) {
            skips.skipped(NAME, Skips.NO_CONSUMER);
            return;
        }
        if (settings.skipMtls() && (event.raw().getConsumerScheme().equals("mtls")
                || !event.raw().getTlsPeerSubject().isEmpty())) {
            skips.skipped(NAME, Skips.MTLS);
            return;
        }
        String continent = event.tag("geo.continent");
        if (continent.isEmpty() || !"external".equals(event.tag("geo.kind"))) {
            skips.skipped(NAME, Skips.NO_GEO);
            return;
        }
        long now = event.nowMillis();
        long since = now - settings.windowSeconds() * 1000L;
        Verdict verdict = state.apply(event.consumerKey(), Travel::new, travel -> {
            boolean switched = travel.observe(continent, now);
            boolean spread = travel.continentsSince(since) >= settings.threshold()
                    && travel.switchesSince(since) >= settings.minSwitches();
            return new Verdict(switched, spread);
        });
        boolean escalated = verdict.switched() && settings.escalateHostingAsn()
                && hostingAsns.contains(event.tag("geo.asn"));
        if (verdict.spread() || escalated) {
            event.flag(DetectorFlags.IMPOSSIBLE_TRAVEL);
        } else if (verdict.switched()) {
            event.flag(DetectorFlags.GEO_CHANGE);
        }
    }
}
