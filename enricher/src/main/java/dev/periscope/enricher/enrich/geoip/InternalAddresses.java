package dev.periscope.enricher.enrich.geoip;

/**
 * Addresses that never leave a private network, so a GeoIP lookup is pointless: IPv4 {@code 0.0.0.0/8},
 * {@code 10.0.0.0/8}, {@code 100.64.0.0/10} (carrier-grade NAT), {@code 127.0.0.0/8}, {@code 169.254.0.0/16},
 * {@code 172.16.0.0/12}, {@code 192.168.0.0/16}; IPv6 {@code ::}, {@code ::1}, {@code fc00::/7} (ULA),
 * {@code fe80::/10}. IPv4-mapped IPv6 addresses arrive as 4 bytes (see {@code CidrBlock.parseAddress}).
 */
public final class InternalAddresses {
    private InternalAddresses() {
    }

    /** @param address 4 or 16 bytes */
    public static boolean isInternal(byte[] address) {
        return address.length == 4 ? isInternalIpv4(address) : isInternalIpv6(address);
    }

    private static boolean isInternalIpv4(byte[] a) {
        int first = a[0] & 0xFF;
        int second = a[1] & 0xFF;
        return first == 0 || first == 10 || first == 127
                || (first == 100 && second >= 64 && second <= 127)
                || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168);
    }

    private static boolean isInternalIpv6(byte[] a) {
        int first = a[0] & 0xFF;
        if ((first & 0xFE) == 0xFC) {
            return true; // fc00::/7
        }
        if (first == 0xFE && (a[1] & 0xC0) == 0x80) {
            return true; // fe80::/10
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 0 || a[15] == 1; // :: and ::1
    }
}
