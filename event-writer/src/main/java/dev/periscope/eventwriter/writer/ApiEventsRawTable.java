package dev.periscope.eventwriter.writer;

import java.util.List;

/** Table name and the column order every RowBinary row of {@code api_events_raw} is written in. */
public final class ApiEventsRawTable {
    public static final String NAME = "api_events_raw";

    /** Must match the order {@link dev.periscope.eventwriter.mapping.AccessEventRowMapper} writes values in. */
    public static final List<String> COLUMNS = List.of(
            "event_id", "ts", "project_id", "listener_name", "listener_ip", "protocol", "method", "host",
            "normalized_path", "grpc_service", "grpc_method", "status_code", "grpc_status", "grpc_message",
            "duration_ms", "request_bytes", "response_bytes", "source_ip_hash", "user_agent_hash", "consumer_hash",
            "source_ip", "user_agent", "auth_observed", "risk_flags", "pii_categories", "endpoint_categories",
            "risk_score", "posture_score", "tls_version", "tls_sni", "tls_peer_subject", "tls_peer_issuer", "tags",
            "headers", "query_params",
            // V002
            "confirmed", "query_pii_categories", "auth_schemes", "route_name", "upstream_cluster", "response_flags",
            "content_type", "hash_key_id", "sample_weight");

    private ApiEventsRawTable() {
    }

    public static String qualifiedName(String database) {
        return "`" + database + "`." + NAME;
    }
}
