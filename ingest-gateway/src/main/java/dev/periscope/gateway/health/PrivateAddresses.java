package dev.periscope.gateway.health;

import java.util.List;

import dev.periscope.model.config.CidrBlock;

/**
 * Addresses that cannot be a real internet client: RFC 1918, carrier-grade NAT, loopback, link-local, IPv6 unique
 * local. Seeing nearly only these as downstream addresses means the gateway reads a proxy's or load balancer's
 * address, not the client's (Envoy's {@code use_remote_address} / trusted hops not set).
 */
public final class PrivateAddresses {
    static final List<CidrBlock> RANGES = List.of(
            CidrBlock.parse("10.0.0.0/8"),
            CidrBlock.parse("172.16.0.0/12"),
            CidrBlock.parse("192.168.0.0/16"),
            CidrBlock.parse("100.64.0.0/10"),
            CidrBlock.parse("127.0.0.0/8"),
            CidrBlock.parse("169.254.0.0/16"),
            CidrBlock.parse("::1/128"),
            CidrBlock.parse("fc00::/7"),
            CidrBlock.parse("fe80::/10"));

    private PrivateAddresses() {
    }

    /** @return whether {@code ip} is an IP literal inside a private range; false for anything not an IP */
    public static boolean isPrivate(String ip) {
        byte[] address = CidrBlock.parseAddress(ip);
        return address != null && isPrivate(address);
    }

    /** @param address 4 or 16 bytes, as {@link CidrBlock#parseAddress} returns them */
    public static boolean isPrivate(byte[] address) {
        for (CidrBlock range : RANGES) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
