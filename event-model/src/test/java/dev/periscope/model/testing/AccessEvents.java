package dev.periscope.model.testing;

import java.util.UUID;

import dev.periscope.model.ObjectIds;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

/** Realistic events for tests of every module; shared through event-model's test-jar. */
public final class AccessEvents {
    private AccessEvents() {
    }

    /** A project id no other test uses, so tests can share one broker and one database. */
    public static String uniqueProjectId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A raw HTTP/1.1 GET as the gateway publishes it. */
    public static AccessEvent.Builder rawHttp(String projectId, String method, String path, int status) {
        long now = System.currentTimeMillis();
        return AccessEvent.newBuilder()
                .setStage(EventStage.EVENT_STAGE_RAW)
                .setEventId(ObjectIds.next(now))
                .setTsMs(now)
                .setInstanceId("gw-test")
                .setProjectId(projectId)
                .setListenerName("public-edge")
                .setListenerIp("10.0.1.42")
                .setLogName("periscope")
                .setProtocol("http/1.1")
                .setMethod(method)
                .setHost("api.example.test")
                .setPath(path)
                .setStatusCode(status)
                .setDurationMs(12.5)
                .setRequestBytes(321)
                .setResponseBytes(2048)
                .setSourceIp("203.0.113.7")
                .setUserAgent("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
                .setRouteName("api")
                .setUpstreamCluster("backend")
                .setRequestId(UUID.randomUUID().toString())
                .setContentType("application/json")
                .setRouteMatched(true);
    }

    /** A raw gRPC call over HTTP/2 with a non-OK status. */
    public static AccessEvent.Builder rawGrpc(String projectId, String service, String method, int grpcStatus) {
        AccessEvent.Builder builder = rawHttp(projectId, "POST", "/" + service + "/" + method, 200)
                .setProtocol("http/2")
                .setGrpcService(service)
                .setGrpcMethod(method)
                .setGrpcStatus(grpcStatus)
                .setContentType("application/grpc");
        if (grpcStatus != 0) {
            builder.setGrpcMessage("upstream said no");
        }
        return builder;
    }

    /** An enriched event as the enricher publishes it: hashes set, raw IP and user-agent gone. */
    public static AccessEvent.Builder enriched(String projectId, String method, String normalizedPath, int status) {
        return rawHttp(projectId, method, normalizedPath, status)
                .setStage(EventStage.EVENT_STAGE_ENRICHED)
                .setNormalizedPath(normalizedPath)
                .setSourceIp("")
                .setUserAgent("")
                .setSourceIpHash("0123456789abcdef")
                .setUserAgentHash("fedcba9876543210");
    }
}
