package dev.periscope.enricher.messaging;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.periscope.enricher.detect.DetectorFlags;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * The scripted attack of {@link AttackScenarioIT}: who sends what, and which detector flags each event must leave
 * the enricher with under the default {@code detection.*} settings (enricher README, "Detectors"). Consumers and
 * user agents are unique per run; addresses are fixed (detector state lives in this JVM only), chosen apart from
 * EnricherIT's 203.0.113.0/24.
 */
final class AttackScript {
    /** Every flag a detector or the threat-intel stage can raise: the set each event is compared on. */
    static final Set<String> ATTACK_FLAGS = Set.of(DetectorFlags.BOLA_SUSPECT, DetectorFlags.BRUTE_FORCE_SUSPECT,
            DetectorFlags.RATE_ANOMALY, DetectorFlags.IP_RATE_ANOMALY, DetectorFlags.PAYMENT_ABUSE_SUSPECT,
            DetectorFlags.REPLAY_SUSPECT, DetectorFlags.PATH_SCAN_SUSPECT, DetectorFlags.IMPOSSIBLE_TRAVEL,
            DetectorFlags.GEO_CHANGE, DetectorFlags.OVERSIZED_RESPONSE, DetectorFlags.LATENCY_ANOMALY,
            DetectorFlags.ERROR_RATE_SPIKE, DetectorFlags.AUTH_INCONSISTENT, ThreatIntelStage.FLAG);

    /** Defaults: path_scan.threshold 40, brute_force.threshold_ip 20, bola.threshold 50 (with 25 refusals ≥ 10). */
    static final int SCAN_THRESHOLD = 40;
    static final int BRUTE_FORCE_THRESHOLD_IP = 20;
    static final int BOLA_THRESHOLD = 50;

    static final String SCANNER_IP = "198.51.100.30";
    static final String BRUTE_FORCER_IP = "198.51.100.20";
    static final String BOLA_IP = "198.51.100.40";
    /** The one address of the run's threat-intel feed; no GeoIP record. */
    static final String THREAT_INTEL_IP = "198.51.100.66";
    /** Test City database: Linköping (EU, AS29518 in the ASN database), Changchun (AS), Milton (NA). */
    static final String EUROPE_IP = "89.160.20.115";
    static final String EUROPE_ASN = "29518";
    static final String ASIA_IP = "175.16.199.1";
    static final String NORTH_AMERICA_IP = "216.160.83.57";
    static final String EUROPE_IP_2 = "89.160.20.116";

    /** One scripted event, the actor it belongs to, and the attack flags and risk score it must leave with. */
    record Step(String actor, int index, AccessEvent raw, Set<String> flags, int risk) {
        String label() {
            return actor + " #" + (index + 1) + " " + raw.getMethod() + " " + raw.getPath() + " " + raw.getStatusCode();
        }
    }

    private final String project;
    private final String run;

    AttackScript(String project) {
        this.project = project;
        this.run = project.substring(project.lastIndexOf('-') + 1);
    }

    /** Attackers next to benign clients, interleaved as the gateway would publish them. */
    List<Step> traffic() {
        List<List<Step>> actors = List.of(scanner(), bruteForcer(), bolaEnumerator(), threatIntelHits(), benign());
        List<Step> mixed = new ArrayList<>();
        int longest = actors.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<Step> actor : actors) {
                if (i < actor.size()) {
                    mixed.add(actor.get(i));
                }
            }
        }
        return mixed;
    }

    /**
     * Anonymous, one address + user agent, 60 distinct untemplatable paths answered 404: from the 40th distinct
     * path on (the crossing event included) {@code path_scan_suspect} (High → risk 7).
     */
    List<Step> scanner() {
        List<Step> steps = new ArrayList<>();
        String ua = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 run" + run;
        for (int i = 0; i < 60; i++) {
            String word = "page" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
            AccessEvent raw = call("GET", "/docs/" + word, 404, SCANNER_IP).setUserAgent(ua).build();
            boolean flagged = i + 1 >= SCAN_THRESHOLD;
            steps.add(new Step("scanner", i, raw, flagged ? Set.of(DetectorFlags.PATH_SCAN_SUSPECT) : Set.of(),
                    flagged ? 7 : 0));
        }
        return steps;
    }

    /**
     * Anonymous, one address: 25 refused POSTs to a login endpoint, then one accepted. The address rule (20
     * refusals, ≥ half of the attempts) holds from the 20th attempt, and every attempt after it is flagged
     * {@code brute_force_suspect} (Critical → risk 10) — the success too.
     */
    List<Step> bruteForcer() {
        List<Step> steps = new ArrayList<>();
        String ua = "python-requests/2.31.0 run" + run;
        for (int i = 0; i < 26; i++) {
            int status = i < 25 ? 401 : 200;
            AccessEvent raw = call("POST", "/api/v1/auth/login", status, BRUTE_FORCER_IP).setUserAgent(ua).build();
            boolean flagged = i + 1 >= BRUTE_FORCE_THRESHOLD_IP;
            steps.add(new Step("brute-forcer", i, raw,
                    flagged ? Set.of(DetectorFlags.BRUTE_FORCE_SUSPECT) : Set.of(), flagged ? 10 : 0));
        }
        return steps;
    }

    /**
     * One JWT consumer walking 60 order ids, every other call refused (403): from the 50th distinct object (25
     * refusals ≥ 10 and ≥ 0.25 of the calls) {@code bola_suspect} (High → risk 7).
     */
    List<Step> bolaEnumerator() {
        List<Step> steps = new ArrayList<>();
        String consumer = consumerHash();
        String ua = "okhttp/4.12.0 run" + run;
        for (int i = 0; i < 60; i++) {
            AccessEvent raw = authenticated(call("GET", "/api/v1/orders/" + (100_000 + i), i % 2 == 0 ? 403 : 200,
                    BOLA_IP), consumer).setUserAgent(ua).build();
            boolean flagged = i + 1 >= BOLA_THRESHOLD;
            steps.add(new Step("bola", i, raw, flagged ? Set.of(DetectorFlags.BOLA_SUSPECT) : Set.of(),
                    flagged ? 7 : 0));
        }
        return steps;
    }

    /** An address of the threat-intel feed browsing normally: {@code threat_intel_hit} (Critical) on each. */
    List<Step> threatIntelHits() {
        List<Step> steps = new ArrayList<>();
        String ua = "Mozilla/5.0 (Windows NT 10.0) Chrome/126.0 run" + run;
        for (int i = 0; i < 3; i++) {
            AccessEvent raw = call("GET", "/api/v1/catalog/" + (7 + i), 200, THREAT_INTEL_IP).setUserAgent(ua).build();
            steps.add(new Step("threat-intel", i, raw, Set.of(ThreatIntelStage.FLAG), 10));
        }
        return steps;
    }

    /**
     * One consumer seen from Europe, Asia, North America, Europe. The second event switches continents once
     * ({@code geo_change}, Info); from the third, two continents and two switches fall within the hour
     * ({@code impossible_travel}, High). No hosting AS is involved, so nothing escalates earlier. These are sent
     * one at a time: each address hashes to its own partition, and the detector judges the order it sees.
     */
    List<Step> continentHopper() {
        String consumer = consumerHash();
        String ua = "Mozilla/5.0 (Macintosh) Safari/17.5 run" + run;
        String[] ips = {EUROPE_IP, ASIA_IP, NORTH_AMERICA_IP, EUROPE_IP_2};
        List<Set<String>> flags = List.of(Set.of(), Set.of(DetectorFlags.GEO_CHANGE),
                Set.of(DetectorFlags.IMPOSSIBLE_TRAVEL), Set.of(DetectorFlags.IMPOSSIBLE_TRAVEL));
        int[] risk = {0, 0, 7, 7};
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ips.length; i++) {
            AccessEvent raw = authenticated(call("GET", "/api/v1/profile", 200, ips[i]), consumer).setUserAgent(ua)
                    .build();
            steps.add(new Step("traveller", i, raw, flags.get(i), risk[i]));
        }
        return steps;
    }

    /**
     * Four JWT consumers (each on one European address) and two anonymous visitors: catalog pages, a cart POST,
     * a few 404s. None of them may carry an attack flag.
     */
    List<Step> benign() {
        List<Step> steps = new ArrayList<>();
        int n = 0;
        for (int client = 0; client < 4; client++) {
            String consumer = consumerHash();
            String ip = "89.160.20." + (120 + client);
            String ua = "Mozilla/5.0 (X11; Linux x86_64) Firefox/12" + client + ".0 run" + run;
            for (int i = 0; i < 15; i++) {
                AccessEvent.Builder call;
                if (i == 7) {
                    call = call("POST", "/api/v1/cart", 201, ip);
                } else if (i == 11) {
                    call = call("GET", "/api/v1/catalog/discontinued", 404, ip);
                } else {
                    call = call("GET", "/api/v1/catalog/" + (i * 3 + client), 200, ip);
                }
                steps.add(new Step("benign", n++, authenticated(call, consumer).setUserAgent(ua).build(), Set.of(),
                        0));
            }
        }
        for (int visitor = 0; visitor < 2; visitor++) {
            String ip = "10.40.0." + (10 + visitor);
            String ua = "Mozilla/5.0 (iPhone) Mobile Safari/604.1 run" + run + "-" + visitor;
            for (int i = 0; i < 8; i++) {
                String path = i == 5 ? "/favicon.ico" : "/api/v1/products";
                int status = i == 5 ? 404 : 200;
                steps.add(new Step("benign", n++, call("GET", path, status, ip).setUserAgent(ua).build(), Set.of(),
                        0));
            }
        }
        return steps;
    }

    private AccessEvent.Builder call(String method, String path, int status, String ip) {
        return AccessEvents.rawHttp(project, method, path, status).setSourceIp(ip);
    }

    private static AccessEvent.Builder authenticated(AccessEvent.Builder call, String consumer) {
        return call.setConsumerHash(consumer).setConsumerScheme("jwt").setAuthObserved(true).addAuthHints("bearer");
    }

    private static String consumerHash() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
