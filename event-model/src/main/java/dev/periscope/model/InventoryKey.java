package dev.periscope.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.periscope.model.v1.AccessEvent;

/**
 * The eight-field unique key of {@code api_inventory}: one document per operation.
 * {@link #id()} is its stable hash, used as the MongoDB {@code _id} and the Kafka key of enriched events.
 */
public record InventoryKey(String projectId, String listenerName, String protocol, String host, String method,
        String normalizedPath, String grpcService, String grpcMethod) {

    public InventoryKey {
        projectId = nullToEmpty(projectId);
        listenerName = nullToEmpty(listenerName);
        protocol = nullToEmpty(protocol);
        host = nullToEmpty(host);
        method = nullToEmpty(method);
        normalizedPath = nullToEmpty(normalizedPath);
        grpcService = nullToEmpty(grpcService);
        grpcMethod = nullToEmpty(grpcMethod);
    }

    /** The key of an enriched event; the listener IP is deliberately not part of it. */
    public static InventoryKey of(AccessEvent event) {
        return new InventoryKey(event.getProjectId(), event.getListenerName(), event.getProtocol(), event.getHost(),
                event.getMethod(), event.getNormalizedPath(), event.getGrpcService(), event.getGrpcMethod());
    }

    /** 32 hex characters (128 bits of SHA-256 over the length-prefixed fields), stable across releases. */
    public String id() {
        MessageDigest sha256 = Sha256.digest();
        for (String field : new String[] {projectId, listenerName, protocol, host, method, normalizedPath,
                grpcService, grpcMethod}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update(intBytes(bytes.length));
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
