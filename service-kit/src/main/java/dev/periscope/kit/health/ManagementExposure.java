package dev.periscope.kit.health;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import dev.periscope.model.config.CidrBlock;

/**
 * Whether the management interface (/metrics, /configz, /readyz) listens on an address outside the allowed networks.
 * An address is fine when it is loopback or inside one of the allowed CIDRs; a wildcard bind ({@code 0.0.0.0},
 * {@code ::}) listens on every local address of both families, so each of them is judged (link-local
 * addresses, 169.254.0.0/16 and fe80::/10, are left out: they do not route beyond the link). A host name is
 * resolved once; one that does not resolve counts as exposed, and so does a wildcard bind when the host's addresses
 * cannot be read.
 */
public final class ManagementExposure {
    private ManagementExposure() {
    }

    /** @param exposedAddresses the listening addresses outside loopback and the allowed CIDRs, empty when none */
    public record Assessment(String bindAddress, List<String> exposedAddresses) {
        public boolean exposedBeyondAllowed() {
            return !exposedAddresses.isEmpty();
        }
    }

    public static Assessment assess(String bindHost, List<CidrBlock> allowed,
            Supplier<List<InetAddress>> localAddresses) {
        String host = bindHost == null || bindHost.isBlank() ? "0.0.0.0" : bindHost.trim();
        List<InetAddress> listening = listeningAddresses(host, localAddresses);
        if (listening == null) {
            return new Assessment(host, List.of(host + " (unresolvable)"));
        }
        if (listening.isEmpty()) { // a wildcard bind on a host whose addresses could not be read: never a silent pass
            return new Assessment(host, List.of(host + " (local addresses unknown)"));
        }
        List<String> exposed = new ArrayList<>();
        for (InetAddress address : listening) {
            if (!address.isLoopbackAddress() && allowed.stream().noneMatch(c -> c.contains(address.getAddress()))) {
                exposed.add(address.getHostAddress());
            }
        }
        return new Assessment(host, List.copyOf(exposed));
    }

    /** @return null when the host is neither an IP literal nor resolvable */
    private static List<InetAddress> listeningAddresses(String host, Supplier<List<InetAddress>> localAddresses) {
        InetAddress bound;
        try {
            byte[] literal = CidrBlock.parseAddress(host);
            bound = literal != null ? InetAddress.getByAddress(literal) : InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
        if (!bound.isAnyLocalAddress()) {
            return List.of(bound);
        }
        // The JVM's sockets are dual-stack: even 0.0.0.0 accepts IPv6 connections, so every family counts.
        return localAddresses.get().stream()
                .filter(a -> !a.isLinkLocalAddress())
                .toList();
    }

    /** Every address of every interface that is up, read from the operating system. */
    public static List<InetAddress> interfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    addresses.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // no interface list: the caller judges a wildcard bind on unknown addresses as exposed
        }
        return addresses;
    }

    /** Parses the allow-list; entries that are not CIDRs go to {@code invalid} (reported, never allowing anything). */
    public static List<CidrBlock> parseAllowed(List<String> cidrs, List<String> invalid) {
        List<CidrBlock> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            String trimmed = cidr.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                blocks.add(CidrBlock.parse(trimmed));
            } catch (IllegalArgumentException e) {
                invalid.add(trimmed);
            }
        }
        return List.copyOf(blocks);
    }
}
