package dev.periscope.enricher.detect;

import java.util.HashSet;
import java.util.Set;

/**
 * Autonomous systems of hosting, cloud and VPN providers: a consumer switching continents onto one of them is more
 * likely a proxy hop or a stolen credential used from rented infrastructure than a traveller. A small built-in list,
 * extended by {@code policy.hosting_asns} and reduced by {@code policy.trusted_egress_asns} (e.g. the company's
 * own cloud egress).
 */
public final class HostingAsns {
    /** Large public clouds, VPS hosts and VPN carriers (AS numbers). */
    public static final Set<Long> BUILT_IN = Set.of(
            16509L, 14618L, // Amazon AWS
            8075L, // Microsoft Azure
            396982L, 15169L, // Google Cloud
            31898L, // Oracle Cloud
            45102L, // Alibaba Cloud
            132203L, // Tencent Cloud
            14061L, // DigitalOcean
            16276L, // OVH
            24940L, // Hetzner
            63949L, // Linode / Akamai
            20473L, // Vultr / Choopa
            12876L, // Scaleway
            51167L, // Contabo
            60781L, // LeaseWeb
            9009L, // M247 (VPN carrier)
            60068L, // Datacamp / CDN77 (VPN carrier)
            212238L, // Datacamp
            13335L); // Cloudflare (WARP egress)

    private final Set<Long> asns;

    public HostingAsns(Set<Long> added, Set<Long> removed) {
        Set<Long> all = new HashSet<>(BUILT_IN);
        all.addAll(added);
        all.removeAll(removed);
        this.asns = Set.copyOf(all);
    }

    /** Whether the {@code geo.asn} tag ({@code 16509} or {@code AS16509}) names a hosting AS; false when unparsable. */
    public boolean contains(String asnTag) {
        String digits = asnTag.regionMatches(true, 0, "AS", 0, 2) ? asnTag.substring(2) : asnTag;
        if (digits.isEmpty() || digits.length() > 10) {
            return false;
        }
        long asn = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            asn = asn * 10 + (c - '0');
        }
        return asns.contains(asn);
    }
}
