package dev.periscope.enricher.classify.stages;

import java.util.List;
import java.util.Locale;

import dev.periscope.model.config.CidrBlock;

/**
 * Whether a request's host is internal: an IP literal in a private, loopback, link-local or shared (CGNAT)
 * range, {@code localhost}, a single-label name (a cluster or LAN short name such as {@code orders}), or a name
 * under {@code .localhost}, {@code .internal}, {@code .local}, {@code .localdomain}, {@code .lan}, {@code .home.arpa},
 * {@code .svc} or {@code .cluster.local}. Anything else with a name is external. The port and a trailing dot are
 * ignored; nothing is resolved.
 */
final class HostNames {
    private static final List<CidrBlock> INTERNAL_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "0.0.0.0/8", "::1/128", "fc00::/7", "fe80::/10")
            .stream().map(CidrBlock::parse).toList();
    private static final List<String> INTERNAL_SUFFIXES = List.of(".localhost", ".internal", ".local",
            ".localdomain", ".lan", ".home.arpa", ".svc", ".cluster.local");
    /** Longest host name DNS allows; longer values are not host names and classify as neither. */
    private static final int MAX_HOST_CHARS = 253 + 8;

    enum Kind { INTERNAL, EXTERNAL, UNKNOWN }

    private HostNames() {
    }

    static Kind classify(String hostHeader) {
        String host = hostOnly(hostHeader);
        if (host.isEmpty() || host.length() > MAX_HOST_CHARS) {
            return Kind.UNKNOWN;
        }
        byte[] address = CidrBlock.parseAddress(host);
        if (address != null) {
            for (CidrBlock range : INTERNAL_RANGES) {
                if (range.contains(address)) {
                    return Kind.INTERNAL;
                }
            }
            return Kind.EXTERNAL;
        }
        if (host.equals("localhost") || host.indexOf('.') < 0) {
            return Kind.INTERNAL;
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (host.endsWith(suffix)) {
                return Kind.INTERNAL;
            }
        }
        return Kind.EXTERNAL;
    }

    /** Lower-case host without port or trailing dot; IPv6 brackets removed. */
    static String hostOnly(String hostHeader) {
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(1, close) : "";
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && colon == host.lastIndexOf(':')) {
            host = host.substring(0, colon);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }
}
