package dev.periscope.enricher.enrich.threatintel;

import java.util.Collection;

import dev.periscope.model.config.CidrBlock;

/**
 * Parses a threat-intel feed's entries into {@link IpRanges}. Entries are one text (lines) or an array of strings
 * (each one line, or itself several lines). Per line: everything from {@code #} on is a comment; the first word
 * (up to white space or {@code ;}, as in {@code 192.0.2.0/24 ; SBL123}) is an IPv4 or IPv6 address or CIDR;
 * host bits of a CIDR are ignored. Blank and comment-only lines are skipped silently; anything else that does not
 * parse — and any array element that is not a string — is counted as invalid and skipped.
 */
public final class FeedParser {
    private static final int MAX_ADDRESS_CHARS = 64;

    private FeedParser() {
    }

    /** @param parts the entries of each stored part of a feed (String, a collection of strings, or null) */
    public static ParsedFeed parseParts(Collection<?> parts) {
        Counter counter = new Counter();
        for (Object part : parts) {
            addPart(part, counter);
        }
        return new ParsedFeed(counter.builder.build(), counter.valid, counter.invalid);
    }

    /** @param entries one text or a collection of strings */
    public static ParsedFeed parse(Object entries) {
        Counter counter = new Counter();
        addPart(entries, counter);
        return new ParsedFeed(counter.builder.build(), counter.valid, counter.invalid);
    }

    private static void addPart(Object entries, Counter counter) {
        if (entries == null) {
            return;
        }
        if (entries instanceof CharSequence text) {
            addLines(text.toString(), counter);
        } else if (entries instanceof Collection<?> list) {
            for (Object element : list) {
                if (element instanceof CharSequence text) {
                    addLines(text.toString(), counter);
                } else {
                    counter.invalid++;
                }
            }
        } else {
            counter.invalid++;
        }
    }

    private static void addLines(String text, Counter counter) {
        int lineStart = 0;
        int length = text.length();
        while (lineStart <= length) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            addLine(text, lineStart, lineEnd, counter);
            lineStart = lineEnd + 1;
        }
    }

    private static void addLine(String text, int from, int to, Counter counter) {
        int start = from;
        while (start < to && isBlank(text.charAt(start))) {
            start++;
        }
        if (start == to || text.charAt(start) == '#' || text.charAt(start) == ';') {
            return;
        }
        int end = start;
        while (end < to && !isBlank(text.charAt(end)) && text.charAt(end) != '#' && text.charAt(end) != ';') {
            end++;
        }
        if (addEntry(text.substring(start, end), counter.builder)) {
            counter.valid++;
        } else {
            counter.invalid++;
        }
    }

    /** Adds one address or CIDR; false when it is not one. */
    static boolean addEntry(String entry, IpRanges.Builder builder) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        if (addressText.length() > MAX_ADDRESS_CHARS || addressText.indexOf('%') >= 0
                || addressText.indexOf('[') >= 0) {
            return false;
        }
        byte[] address = CidrBlock.parseAddress(addressText);
        if (address == null) {
            return false;
        }
        boolean writtenAsIpv6 = addressText.indexOf(':') >= 0;
        int bits = writtenAsIpv6 ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            prefix = parsePrefix(entry, slash + 1);
            if (prefix < 0 || prefix > bits) {
                return false;
            }
        }
        if (writtenAsIpv6 && address.length == 4) {
            // an IPv4-mapped address (::ffff:a.b.c.d/p) comes back as IPv4: its prefix counts from bit 96
            if (prefix < 96) {
                return false;
            }
            prefix -= 96;
        }
        builder.add(address, prefix);
        return true;
    }

    private static int parsePrefix(String entry, int from) {
        int length = entry.length() - from;
        if (length < 1 || length > 3) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static final class Counter {
        final IpRanges.Builder builder = new IpRanges.Builder();
        int valid;
        int invalid;
    }

    /** A compiled feed: its ranges, the entries that parsed and the lines that did not. */
    public record ParsedFeed(IpRanges ranges, int entries, int invalid) {
    }
}
