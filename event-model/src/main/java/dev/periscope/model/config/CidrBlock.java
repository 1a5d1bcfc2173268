package dev.periscope.model.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) parsed once, matched without allocation.
 * Host bits below the prefix are cleared, as Go's {@code net.ParseCIDR} does. Addresses are parsed as literals
 * only, never resolved: a value that is not an IP literal simply matches nothing.
 */
public final class CidrBlock {
    private final byte[] network;
    private final int prefixLength;

    private CidrBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException with a one-line reason when {@code cidr} is not {@code address/prefix} */
    public static CidrBlock parse(String cidr) {
        if (cidr == null) {
            throw new IllegalArgumentException("not a CIDR: null");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0 || slash != cidr.lastIndexOf('/')) {
            throw new IllegalArgumentException("not a CIDR (address/prefix): '" + cidr + "'");
        }
        byte[] address = parseAddress(cidr.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: '" + cidr.substring(0, slash) + "'");
        }
        String prefixText = cidr.substring(slash + 1);
        int prefix;
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a prefix length: '" + prefixText + "'");
        }
        prefix = Integer.parseInt(prefixText);
        int bits = address.length * 8;
        if (prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is longer than " + bits + " bits");
        }
        return new CidrBlock(mask(address, prefix), prefix);
    }

    /** Whether {@code ip} (an IPv4 or IPv6 literal) lies in this network; false for anything that is not an IP. */
    public boolean contains(String ip) {
        byte[] address = parseAddress(ip);
        return address != null && contains(address);
    }

    /** Whether the 4- or 16-byte address lies in this network; families never match each other. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength >>> 3;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remaining = prefixLength & 7;
        if (remaining == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remaining)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & 0xFF);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (brackets and a zone id allowed) without any name lookup.
     * IPv4-mapped IPv6 addresses come back as 4 bytes, so IPv4 networks match them.
     *
     * @return 4 or 16 bytes, or null when {@code text} is not an IP literal
     */
    public static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        String literal = text;
        if (literal.charAt(0) == '[' && literal.charAt(literal.length() - 1) == ']') {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.isEmpty() || !(literal.charAt(0) == ':' || Character.digit(literal.charAt(0), 16) >= 0)) {
            return null;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        if (literal.indexOf(':') < 0) {
            return null;
        }
        try {
            // A literal containing ':' that starts with a hex digit or ':' is parsed, never looked up (JDK contract).
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] parseIpv4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = Arrays.copyOf(address, address.length);
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes by construction
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock that && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
