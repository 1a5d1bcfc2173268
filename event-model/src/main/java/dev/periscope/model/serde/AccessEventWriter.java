package dev.periscope.model.serde;

import dev.periscope.model.v1.AccessEvent;

/**
 * Serializes an {@link AccessEvent} to exactly the bytes of {@link AccessEvent#toByteArray()}, encoding each string
 * at most once instead of the two or three UTF-8 passes protobuf-java makes (size, then write), and allocating the
 * result once. Fields are written in field-number order with protobuf-java's default skipping (see {@link WireFields});
 * maps in their iteration order, as {@code toByteArray()} writes them.
 *
 * <p>An event carrying unknown fields (parsed from a newer writer) is serialized by {@code toByteArray()}, which
 * keeps them. {@code AccessEventWriterGuardTest} fails the build when the proto has a field this class does not
 * write.
 */
public final class AccessEventWriter {
    /** Fields a typical event sets, so the field table rarely grows. */
    private static final int EXPECTED_FIELDS = 48;
    /**
     * Reused per thread (a fresh table per event was about 40% of the writer's allocation); meant for the
     * long-lived publishing threads of the gateway and the enricher.
     */
    private static final ThreadLocal<WireFields> FIELDS =
            ThreadLocal.withInitial(() -> new WireFields(EXPECTED_FIELDS));

    private AccessEventWriter() {
    }

    public static byte[] toByteArray(AccessEvent event) {
        if (!event.getUnknownFields().isEmpty()) {
            return event.toByteArray();
        }
        WireFields fields = FIELDS.get();
        try {
            addFields(event, fields);
            return fields.toByteArray();
        } finally {
            fields.clear();
        }
    }

    /** In field-number order: a new proto field goes here, at its number's place. */
    private static void addFields(AccessEvent event, WireFields fields) {
        fields.enumNumber(AccessEvent.STAGE_FIELD_NUMBER, event.getStageValue());
        fields.string(AccessEvent.EVENT_ID_FIELD_NUMBER, event.getEventId());
        fields.int64(AccessEvent.TS_MS_FIELD_NUMBER, event.getTsMs());
        fields.string(AccessEvent.INSTANCE_ID_FIELD_NUMBER, event.getInstanceId());
        fields.string(AccessEvent.PROJECT_ID_FIELD_NUMBER, event.getProjectId());
        fields.string(AccessEvent.LISTENER_NAME_FIELD_NUMBER, event.getListenerName());
        fields.string(AccessEvent.LISTENER_IP_FIELD_NUMBER, event.getListenerIp());
        fields.string(AccessEvent.LOG_NAME_FIELD_NUMBER, event.getLogName());
        fields.string(AccessEvent.PROTOCOL_FIELD_NUMBER, event.getProtocol());
        fields.string(AccessEvent.METHOD_FIELD_NUMBER, event.getMethod());
        fields.string(AccessEvent.HOST_FIELD_NUMBER, event.getHost());
        fields.string(AccessEvent.PATH_FIELD_NUMBER, event.getPath());
        fields.repeatedString(AccessEvent.QUERY_PARAM_NAMES_FIELD_NUMBER, event.getQueryParamNamesList());
        fields.string(AccessEvent.GRPC_SERVICE_FIELD_NUMBER, event.getGrpcService());
        fields.string(AccessEvent.GRPC_METHOD_FIELD_NUMBER, event.getGrpcMethod());
        fields.uint32(AccessEvent.STATUS_CODE_FIELD_NUMBER, event.getStatusCode());
        if (event.hasGrpcStatus()) {
            fields.presentInt32(AccessEvent.GRPC_STATUS_FIELD_NUMBER, event.getGrpcStatus());
        }
        fields.string(AccessEvent.GRPC_MESSAGE_FIELD_NUMBER, event.getGrpcMessage());
        fields.doubleValue(AccessEvent.DURATION_MS_FIELD_NUMBER, event.getDurationMs());
        fields.uint64(AccessEvent.REQUEST_BYTES_FIELD_NUMBER, event.getRequestBytes());
        fields.uint64(AccessEvent.RESPONSE_BYTES_FIELD_NUMBER, event.getResponseBytes());
        fields.string(AccessEvent.SOURCE_IP_FIELD_NUMBER, event.getSourceIp());
        fields.string(AccessEvent.USER_AGENT_FIELD_NUMBER, event.getUserAgent());
        fields.bool(AccessEvent.AUTH_OBSERVED_FIELD_NUMBER, event.getAuthObserved());
        fields.repeatedString(AccessEvent.AUTH_HINTS_FIELD_NUMBER, event.getAuthHintsList());
        fields.stringMap(AccessEvent.HEADERS_FIELD_NUMBER, event.getHeadersMap());
        fields.string(AccessEvent.TLS_VERSION_FIELD_NUMBER, event.getTlsVersion());
        fields.string(AccessEvent.TLS_SNI_FIELD_NUMBER, event.getTlsSni());
        fields.string(AccessEvent.TLS_PEER_SUBJECT_FIELD_NUMBER, event.getTlsPeerSubject());
        fields.string(AccessEvent.TLS_PEER_ISSUER_FIELD_NUMBER, event.getTlsPeerIssuer());
        fields.string(AccessEvent.ROUTE_NAME_FIELD_NUMBER, event.getRouteName());
        fields.string(AccessEvent.UPSTREAM_CLUSTER_FIELD_NUMBER, event.getUpstreamCluster());
        fields.repeatedString(AccessEvent.RESPONSE_FLAGS_FIELD_NUMBER, event.getResponseFlagsList());
        fields.string(AccessEvent.REQUEST_ID_FIELD_NUMBER, event.getRequestId());
        fields.string(AccessEvent.CONTENT_TYPE_FIELD_NUMBER, event.getContentType());
        fields.bool(AccessEvent.HSTS_PRESENT_FIELD_NUMBER, event.getHstsPresent());
        fields.bool(AccessEvent.ROUTE_MATCHED_FIELD_NUMBER, event.getRouteMatched());
        fields.string(AccessEvent.CONSUMER_HASH_FIELD_NUMBER, event.getConsumerHash());
        fields.string(AccessEvent.CONSUMER_SCHEME_FIELD_NUMBER, event.getConsumerScheme());
        fields.string(AccessEvent.LOCATION_FIELD_NUMBER, event.getLocation());
        fields.bool(AccessEvent.PATH_TRUNCATED_FIELD_NUMBER, event.getPathTruncated());
        fields.bool(AccessEvent.CREDENTIAL_IN_QUERY_FIELD_NUMBER, event.getCredentialInQuery());
        fields.repeatedString(AccessEvent.QUERY_PII_CATEGORIES_FIELD_NUMBER, event.getQueryPiiCategoriesList());
        fields.bool(AccessEvent.XCTO_PRESENT_FIELD_NUMBER, event.getXctoPresent());
        fields.bool(AccessEvent.XFO_PRESENT_FIELD_NUMBER, event.getXfoPresent());
        fields.bool(AccessEvent.CSP_PRESENT_FIELD_NUMBER, event.getCspPresent());
        fields.string(AccessEvent.CORS_ALLOW_ORIGIN_FIELD_NUMBER, event.getCorsAllowOrigin());
        fields.bool(AccessEvent.CORS_ALLOW_CREDENTIALS_FIELD_NUMBER, event.getCorsAllowCredentials());
        fields.string(AccessEvent.SERVER_SOFTWARE_FIELD_NUMBER, event.getServerSoftware());
        fields.string(AccessEvent.HASH_KEY_ID_FIELD_NUMBER, event.getHashKeyId());
        fields.string(AccessEvent.CONSUMER_HASH_PREVIOUS_FIELD_NUMBER, event.getConsumerHashPrevious());
        fields.string(AccessEvent.NORMALIZED_PATH_FIELD_NUMBER, event.getNormalizedPath());
        fields.string(AccessEvent.SOURCE_IP_HASH_FIELD_NUMBER, event.getSourceIpHash());
        fields.string(AccessEvent.USER_AGENT_HASH_FIELD_NUMBER, event.getUserAgentHash());
        fields.repeatedString(AccessEvent.AUTH_SCHEMES_FIELD_NUMBER, event.getAuthSchemesList());
        fields.repeatedString(AccessEvent.PII_CATEGORIES_FIELD_NUMBER, event.getPiiCategoriesList());
        fields.repeatedString(AccessEvent.ENDPOINT_CATEGORIES_FIELD_NUMBER, event.getEndpointCategoriesList());
        fields.repeatedString(AccessEvent.RISK_FLAGS_FIELD_NUMBER, event.getRiskFlagsList());
        fields.uint32(AccessEvent.RISK_SCORE_FIELD_NUMBER, event.getRiskScore());
        fields.uint32(AccessEvent.POSTURE_SCORE_FIELD_NUMBER, event.getPostureScore());
        fields.stringMap(AccessEvent.TAGS_FIELD_NUMBER, event.getTagsMap());
        fields.bool(AccessEvent.CONFIRMED_FIELD_NUMBER, event.getConfirmed());
        fields.string(AccessEvent.SOURCE_IP_HASH_PREVIOUS_FIELD_NUMBER, event.getSourceIpHashPrevious());
        fields.string(AccessEvent.USER_AGENT_HASH_PREVIOUS_FIELD_NUMBER, event.getUserAgentHashPrevious());
    }
}
