package dev.periscope.eventwriter.mapping;

import java.util.Map;
import java.util.TreeMap;

import dev.periscope.eventwriter.writer.RowBinaryEncoder;
import dev.periscope.model.v1.AccessEvent;

/** One enriched AccessEvent as one RowBinary row of api_events_raw, in {@code ApiEventsRawTable.COLUMNS} order. */
public final class AccessEventRowMapper {
    private AccessEventRowMapper() {
    }

    /** The row with sample weight 1 under the hashes-only policy. */
    public static void write(AccessEvent e, RowBinaryEncoder out) {
        write(e, 1, StoragePolicy.hashesOnly(), out);
    }

    /**
     * @param sampleWeight how many events this row stands for (raw sampling keeps 1 in N benign events with weight N)
     */
    public static void write(AccessEvent e, int sampleWeight, StoragePolicy policy, RowBinaryEncoder out) {
        out.string(e.getEventId())
                .dateTime64Millis(e.getTsMs())
                .string(e.getProjectId())
                .string(e.getListenerName())
                .string(e.getListenerIp())
                .string(e.getProtocol())
                .string(e.getMethod())
                .string(e.getHost())
                .string(normalizedPath(e))
                .string(e.getGrpcService())
                .string(e.getGrpcMethod())
                .uint16(clamp(e.getStatusCode(), 0xFFFF))
                .nullableInt32(e.hasGrpcStatus() ? e.getGrpcStatus() : null)
                .string(e.getGrpcMessage())
                .float64(e.getDurationMs())
                .uint64(e.getRequestBytes())
                .uint64(e.getResponseBytes())
                .string(e.getSourceIpHash())
                .string(e.getUserAgentHash())
                .string(e.getConsumerHash())
                .string(policy.keepRawSourceIp() ? e.getSourceIp() : "")
                .string(policy.keepRawUserAgent() ? e.getUserAgent() : "")
                .uint8(e.getAuthObserved() ? 1 : 0)
                .stringArray(e.getRiskFlagsList())
                .stringArray(e.getPiiCategoriesList())
                .stringArray(e.getEndpointCategoriesList())
                .uint8(clamp(e.getRiskScore(), 0xFF))
                .uint8(clamp(e.getPostureScore(), 0xFF))
                .string(e.getTlsVersion())
                .string(e.getTlsSni())
                .string(e.getTlsPeerSubject())
                .string(e.getTlsPeerIssuer())
                .stringMap(sorted(e.getTagsMap()))
                .stringMap(policy.keepHeaders() ? storableHeaders(e.getHeadersMap(), policy) : Map.of())
                .stringArray(e.getQueryParamNamesList())
                .uint8(e.getConfirmed() ? 1 : 0)
                .stringArray(e.getQueryPiiCategoriesList())
                .stringArray(e.getAuthSchemesList())
                .string(e.getRouteName())
                .string(e.getUpstreamCluster())
                .stringArray(e.getResponseFlagsList())
                .string(e.getContentType())
                .string(e.getHashKeyId())
                .uint32(Math.max(1, sampleWeight));
    }

    /** The order key needs a path; an event that skipped normalization is stored under its raw path. */
    static String normalizedPath(AccessEvent e) {
        return e.getNormalizedPath().isEmpty() ? e.getPath() : e.getNormalizedPath();
    }

    /** proto uint32 arrives as a signed int; scores and status codes above the column's range are capped. */
    static int clamp(int unsignedValue, int max) {
        long value = Integer.toUnsignedLong(unsignedValue);
        return (int) Math.min(value, max);
    }

    private static Map<String, String> storableHeaders(Map<String, String> headers, StoragePolicy policy) {
        if (headers.isEmpty()) {
            return headers;
        }
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (!policy.neverStoredHeaders().contains(name.toLowerCase(java.util.Locale.ROOT))) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map.size() <= 1 ? map : new TreeMap<>(map);
    }
}
