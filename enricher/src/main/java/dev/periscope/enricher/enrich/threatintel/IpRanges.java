package dev.periscope.enricher.enrich.threatintel;

import java.util.Arrays;

/**
 * An immutable set of IPv4 and IPv6 networks, compiled into sorted, merged, disjoint ranges held in primitive
 * arrays and matched by binary search: O(log n), no allocation. Overlapping and adjacent networks merge, so a
 * feed of a million CIDRs costs at most 16 bytes per IPv4 range and 32 per IPv6 range. IPv4 lookups first narrow
 * the search to the ranges starting in the address's /16 through a 65,537-entry index (256 KB, cache-resident),
 * so a big feed costs a few memory reads instead of twenty.
 */
public final class IpRanges {
    public static final IpRanges EMPTY = new Builder().build();
    /** Below this many IPv4 ranges a plain binary search is as fast as the index and 256 KB smaller. */
    static final int INDEX_THRESHOLD = 4_096;

    // IPv4: unsigned 32-bit values in longs, starts ascending, v4Starts[i] <= v4Ends[i] < v4Starts[i + 1]
    private final long[] v4Starts;
    private final long[] v4Ends;
    // v4Index[b] = first range whose start is >= b << 16 (b = 0..65536); null for small sets
    private final int[] v4Index;
    // IPv6: 128-bit values as (high, low) unsigned pairs, same ordering
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;

    private IpRanges(long[] v4Starts, long[] v4Ends, long[] v6StartHi, long[] v6StartLo, long[] v6EndHi,
            long[] v6EndLo) {
        this.v4Starts = v4Starts;
        this.v4Ends = v4Ends;
        this.v4Index = v4Starts.length < INDEX_THRESHOLD ? null : index(v4Starts);
        this.v6StartHi = v6StartHi;
        this.v6StartLo = v6StartLo;
        this.v6EndHi = v6EndHi;
        this.v6EndLo = v6EndLo;
    }

    /** @param address 4 or 16 bytes (IPv4-mapped IPv6 addresses should arrive as 4, see CidrBlock.parseAddress) */
    public boolean contains(byte[] address) {
        if (address.length == 4) {
            return containsIpv4(((address[0] & 0xFFL) << 24) | ((address[1] & 0xFFL) << 16)
                    | ((address[2] & 0xFFL) << 8) | (address[3] & 0xFFL));
        }
        if (address.length == 16) {
            return containsIpv6(toLong(address, 0), toLong(address, 8));
        }
        return false;
    }

    private boolean containsIpv4(long value) {
        int low = 0;
        int high = v4Starts.length - 1;
        if (v4Index != null) {
            int bucket = (int) (value >>> 16);
            low = v4Index[bucket];
            high = v4Index[bucket + 1] - 1;
            if (low > high) { // no range starts in this /16: only one starting earlier can cover it
                return low > 0 && value <= v4Ends[low - 1];
            }
        }
        while (low <= high) { // last start <= value
            int mid = (low + high) >>> 1;
            if (v4Starts[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        // when every start in the window is above value, high ends just before it: the range starting earlier
        return high >= 0 && value <= v4Ends[high];
    }

    private static int[] index(long[] starts) {
        int[] index = new int[65_537];
        int range = 0;
        for (int bucket = 0; bucket <= 65_536; bucket++) {
            long bucketStart = (long) bucket << 16;
            while (range < starts.length && starts[range] < bucketStart) {
                range++;
            }
            index[bucket] = range;
        }
        return index;
    }

    private boolean containsIpv6(long hi, long lo) {
        int low = 0;
        int high = v6StartHi.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(v6StartHi[mid], v6StartLo[mid], hi, lo) <= 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high >= 0 && compare(hi, lo, v6EndHi[high], v6EndLo[high]) <= 0;
    }

    /** Disjoint IPv4 ranges after merging. */
    public int ipv4Ranges() {
        return v4Starts.length;
    }

    /** Disjoint IPv6 ranges after merging. */
    public int ipv6Ranges() {
        return v6StartHi.length;
    }

    private static int compare(long hiA, long loA, long hiB, long loB) {
        int byHigh = Long.compareUnsigned(hiA, hiB);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(loA, loB);
    }

    private static long toLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }

    /** Collects networks (any order, overlaps allowed); {@link #build()} sorts and merges. Not thread-safe. */
    public static final class Builder {
        // IPv4 range packed as (start ^ 2^31) << 32 | end: signed order of the packed value = unsigned start order
        private long[] v4 = new long[16];
        private int v4Count;
        // IPv6 range as four longs: startHi, startLo, endHi, endLo
        private long[] v6 = new long[16];
        private int v6Count;

        /** @param network 4 or 16 bytes; host bits below {@code prefix} are ignored */
        public Builder add(byte[] network, int prefix) {
            if (network.length == 4) {
                if (prefix < 0 || prefix > 32) {
                    throw new IllegalArgumentException("IPv4 prefix out of range: " + prefix);
                }
                long value = ((network[0] & 0xFFL) << 24) | ((network[1] & 0xFFL) << 16)
                        | ((network[2] & 0xFFL) << 8) | (network[3] & 0xFFL);
                long hostMask = prefix == 0 ? 0xFFFFFFFFL : (1L << (32 - prefix)) - 1;
                long start = value & ~hostMask & 0xFFFFFFFFL;
                long end = start | hostMask;
                if (v4Count == v4.length) {
                    v4 = Arrays.copyOf(v4, v4.length * 2);
                }
                v4[v4Count++] = ((start ^ 0x80000000L) << 32) | end;
            } else if (network.length == 16) {
                if (prefix < 0 || prefix > 128) {
                    throw new IllegalArgumentException("IPv6 prefix out of range: " + prefix);
                }
                long hi = toLong(network, 0);
                long lo = toLong(network, 8);
                long hiMask = prefix >= 64 ? 0 : (prefix == 0 ? -1L : -1L >>> prefix);
                long loMask = prefix >= 128 ? 0 : (prefix <= 64 ? -1L : -1L >>> (prefix - 64));
                if (v6Count + 4 > v6.length) {
                    v6 = Arrays.copyOf(v6, v6.length * 2);
                }
                v6[v6Count++] = hi & ~hiMask;
                v6[v6Count++] = lo & ~loMask;
                v6[v6Count++] = hi | hiMask;
                v6[v6Count++] = lo | loMask;
            } else {
                throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + network.length + " bytes");
            }
            return this;
        }

        public IpRanges build() {
            long[] packed = Arrays.copyOf(v4, v4Count);
            Arrays.sort(packed);
            long[] starts = new long[packed.length];
            long[] ends = new long[packed.length];
            int n = 0;
            for (long range : packed) {
                long start = (range >>> 32) ^ 0x80000000L;
                long end = range & 0xFFFFFFFFL;
                if (n > 0 && start <= ends[n - 1] + 1) {
                    ends[n - 1] = Math.max(ends[n - 1], end);
                } else {
                    starts[n] = start;
                    ends[n] = end;
                    n++;
                }
            }
            return buildIpv6(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
        }

        private IpRanges buildIpv6(long[] v4Starts, long[] v4Ends) {
            int count = v6Count / 4;
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> compare(v6[a * 4], v6[a * 4 + 1], v6[b * 4], v6[b * 4 + 1]));
            long[] startHi = new long[count];
            long[] startLo = new long[count];
            long[] endHi = new long[count];
            long[] endLo = new long[count];
            int n = 0;
            for (int index : order) {
                int at = index * 4;
                long sHi = v6[at];
                long sLo = v6[at + 1];
                long eHi = v6[at + 2];
                long eLo = v6[at + 3];
                if (n > 0 && touches(endHi[n - 1], endLo[n - 1], sHi, sLo)) {
                    if (compare(eHi, eLo, endHi[n - 1], endLo[n - 1]) > 0) {
                        endHi[n - 1] = eHi;
                        endLo[n - 1] = eLo;
                    }
                } else {
                    startHi[n] = sHi;
                    startLo[n] = sLo;
                    endHi[n] = eHi;
                    endLo[n] = eLo;
                    n++;
                }
            }
            return new IpRanges(v4Starts, v4Ends, Arrays.copyOf(startHi, n), Arrays.copyOf(startLo, n),
                    Arrays.copyOf(endHi, n), Arrays.copyOf(endLo, n));
        }

        /** Whether a range starting at (sHi, sLo) overlaps or directly follows one ending at (eHi, eLo). */
        private static boolean touches(long eHi, long eLo, long sHi, long sLo) {
            if (compare(sHi, sLo, eHi, eLo) <= 0) {
                return true;
            }
            if (eHi == -1L && eLo == -1L) {
                return true; // the previous range already ends at the top of the space
            }
            long nextLo = eLo + 1;
            long nextHi = nextLo == 0 ? eHi + 1 : eHi;
            return nextHi == sHi && nextLo == sLo;
        }
    }
}
