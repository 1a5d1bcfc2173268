package dev.periscope.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;

import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.ConnectionProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry.HTTPVersion;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.data.accesslog.v3.ResponseFlags;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.TLSProperties;
import io.envoyproxy.envoy.data.accesslog.v3.TLSProperties.CertificateProperties;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

/**
 * A deterministic, realistic mix of Envoy access-log entries: several projects and listeners, HTTP/1.x REST with
 * numeric ids and UUIDs in paths and query strings, HTTP/2 and HTTP/3, gRPC (ok and errors, in trailers and
 * trailers-only), exactly one TCP entry, a 2xx/3xx/4xx/5xx status mix, user agents, auth headers on some calls.
 * The same {@link Options} always yield the same streams, so tests can assert exact counts from {@link Summary}.
 */
public final class DemoTraffic {
    /** One Envoy node per listener: {@code listener::project[::ip]}; the project id gets the options' suffix. */
    static final List<NodeSpec> NODES = List.of(
            new NodeSpec("public-edge", "acme-prod", "10.0.1.42", "api.acme.example", Kind.REST, true),
            new NodeSpec("internal-mesh", "acme-prod", null, "orders.acme.internal", Kind.REST, false),
            new NodeSpec("public-edge", "globex-staging", "10.0.2.7", "api.globex-staging.example", Kind.REST, true),
            new NodeSpec("grpc-edge", "initech-dev", "10.0.3.9", "grpc.initech.example", Kind.GRPC, true));

    private static final String[] BROWSER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"};
    private static final String[] CLIENT_AGENTS = {
        "curl/8.5.0", "okhttp/4.12.0", "python-requests/2.32.3", "Go-http-client/2.0", "PostmanRuntime/7.39.0"};
    private static final String[] GRPC_AGENTS = {"grpc-java-netty/1.64.0", "grpc-go/1.65.0", "grpc-python/1.64.1"};

    private DemoTraffic() {
    }

    /** Builds the streams and their expected counts. */
    public static Plan build(Options options) {
        options.validate();
        Random random = new Random(options.seed());
        int streamCount = Math.max(options.streams(), NODES.size());
        int httpEntries = options.entries() - 1;
        if (httpEntries < streamCount) {
            throw new IllegalArgumentException("need at least " + (streamCount + 1) + " entries for " + streamCount
                    + " streams (one TCP entry plus one HTTP entry per stream)");
        }
        List<List<HTTPAccessLogEntry>> perStream = new ArrayList<>();
        for (int s = 0; s < streamCount; s++) {
            perStream.add(new ArrayList<>());
        }
        Tally tally = new Tally();
        for (int i = 0; i < httpEntries; i++) {
            int stream = i % streamCount;
            NodeSpec node = NODES.get(stream % NODES.size());
            long startMillis = options.baseEpochMillis() + i * 7L;
            Call call = node.kind() == Kind.GRPC ? grpcCall(random) : restCall(random, node);
            perStream.get(stream).add(httpEntry(random, node, call, startMillis));
            tally.http(node.project(options), node.listener(), call);
        }
        NodeSpec tcpNode = NODES.get(0);
        TCPAccessLogEntry tcp = tcpEntry(options.baseEpochMillis() + httpEntries * 7L);
        tally.tcp(tcpNode.project(options), tcpNode.listener());

        List<AlsStream> streams = new ArrayList<>();
        int messages = 0;
        for (int s = 0; s < streamCount; s++) {
            NodeSpec node = NODES.get(s % NODES.size());
            String nodeId = node.nodeId(options);
            List<StreamAccessLogsMessage> batches = new ArrayList<>();
            List<HTTPAccessLogEntry> entries = perStream.get(s);
            for (int from = 0; from < entries.size(); from += options.batchSize()) {
                StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder();
                if (from == 0) {
                    message.setIdentifier(EnvoyAlsClient.identifier(nodeId, options.logName()));
                }
                message.getHttpLogsBuilder()
                        .addAllLogEntry(entries.subList(from, Math.min(entries.size(), from + options.batchSize())));
                batches.add(message.build());
                if (from == 0 && s == 0) {
                    // Envoy sends TCP entries on their own messages of the same stream.
                    batches.add(StreamAccessLogsMessage.newBuilder()
                            .setTcpLogs(StreamAccessLogsMessage.TCPAccessLogEntries.newBuilder().addLogEntry(tcp))
                            .build());
                }
            }
            messages += batches.size();
            streams.add(new AlsStream(nodeId, options.logName(), batches));
        }
        return new Plan(streams, tally.summary(streamCount, messages));
    }

    /**
     * Response security headers by a shape derived from the path (no random draw, so the rest of the traffic stays
     * as it was): most responses hardened, one path in four leaking a permissive CORS origin and no hardening.
     */
    private static void securityHeaders(HTTPResponseProperties.Builder response, int shape) {
        if (shape == 0) {
            response.putResponseHeaders("access-control-allow-origin", "*");
            response.putResponseHeaders("x-powered-by", "Express");
            return;
        }
        response.putResponseHeaders("x-content-type-options", "nosniff");
        response.putResponseHeaders("x-frame-options", "DENY");
        response.putResponseHeaders("content-security-policy", "default-src 'self'");
        if (shape == 3) {
            response.putResponseHeaders("server", "nginx/1.25.3");
        }
    }

    // ---------------------------------------------------------------- scenarios

    private static Call restCall(Random random, NodeSpec node) {
        Call call = new Call();
        call.routeName = node.listener().equals("internal-mesh") ? "mesh-api" : "api-v1";
        call.cluster = node.listener().equals("internal-mesh") ? "orders-service" : "api-backend";
        call.userAgent = random.nextInt(3) == 0 ? pick(random, BROWSER_AGENTS) : pick(random, CLIENT_AGENTS);
        call.contentType = "application/json";
        int roll = random.nextInt(100);
        if (roll < 20) {
            call.get("/api/v1/users/" + (1 + random.nextInt(40)), weighted(random, 200, 90, 404, 7, 401, 3));
            call.auth = Auth.BEARER;
        } else if (roll < 28) {
            call.get("/api/v1/users/" + (1 + random.nextInt(40)) + "/orders?status=open&page=" + (1 + random.nextInt(5)),
                    200);
            call.auth = Auth.BEARER;
        } else if (roll < 38) {
            call.get("/api/v1/orders/" + uuid(random) + "?include=items&expand=customer",
                    weighted(random, 200, 85, 404, 15));
            call.auth = Auth.BEARER;
        } else if (roll < 46) {
            call.send(RequestMethod.POST, "/api/v1/orders", weighted(random, 201, 80, 400, 12, 422, 8));
            call.auth = Auth.BEARER;
        } else if (roll < 50) {
            call.send(RequestMethod.PUT, "/api/v1/users/" + (1 + random.nextInt(40)), weighted(random, 200, 80, 403, 20));
            call.auth = Auth.API_KEY;
        } else if (roll < 53) {
            call.method = RequestMethod.DELETE;
            call.path = "/api/v1/sessions/" + uuid(random);
            call.status = 204;
            call.contentType = "";
            call.auth = Auth.BEARER;
        } else if (roll < 63) {
            call.get("/api/v1/products?page=" + (1 + random.nextInt(9)) + "&limit=50&sort=price", 200);
        } else if (roll < 68) {
            call.get("/healthz", 200);
            call.healthProbe = true;
            call.userAgent = "kube-probe/1.30";
            call.contentType = "text/plain";
        } else if (roll < 69) {
            call.get("/status", 200);
            call.version = HTTPVersion.HTTP10;
            call.userAgent = "Wget/1.21.4";
            call.contentType = "text/plain";
        } else if (roll < 72) {
            call.get("/docs", 301);
            call.location = "https://" + node.host() + "/docs/";
            call.contentType = "text/html";
            call.userAgent = pick(random, BROWSER_AGENTS);
        } else if (roll < 74) {
            call.get("/login?next=/account&utm_source=newsletter", 302);
            call.location = "https://" + node.host() + "/sso/start?state=" + Long.toHexString(random.nextLong());
            call.contentType = "text/html";
            call.userAgent = pick(random, BROWSER_AGENTS);
        } else if (roll < 76) {
            call.get("/wp-admin/setup-config.php", 404);
            call.noRoute = true;
            call.routeName = "";
            call.cluster = "";
            call.contentType = "text/plain";
            call.userAgent = "Mozilla/5.0 zgrab/0.x";
        } else if (roll < 79) {
            boolean unavailable = random.nextBoolean();
            call.get("/api/v1/reports/" + (1000 + random.nextInt(30)), unavailable ? 503 : 500);
            call.noHealthyUpstream = unavailable;
            call.auth = Auth.BEARER;
        } else if (roll < 81) {
            call.send(RequestMethod.POST, "/api/v1/auth/token", weighted(random, 200, 75, 401, 25));
            call.auth = Auth.BASIC;
            call.contentType = "application/json";
        } else {
            // HTTP/2 (and some HTTP/3) browsing of the catalogue, conditional requests answered 304.
            call.get("/api/v2/catalog/items/" + (100 + random.nextInt(60)) + (random.nextInt(4) == 0 ? "?fields=name,price" : ""),
                    weighted(random, 200, 80, 304, 15, 404, 5));
            call.version = node.tls() && random.nextInt(5) == 0 ? HTTPVersion.HTTP3 : HTTPVersion.HTTP2;
            call.userAgent = pick(random, BROWSER_AGENTS);
        }
        return call;
    }

    private static Call grpcCall(Random random) {
        Call call = new Call();
        call.method = RequestMethod.POST;
        call.version = HTTPVersion.HTTP2;
        call.contentType = "application/grpc";
        call.routeName = "grpc-services";
        call.userAgent = pick(random, GRPC_AGENTS);
        call.status = 200;
        call.requestBody = 40 + random.nextInt(400);
        call.grpcStatus = 0;
        int roll = random.nextInt(100);
        if (roll < 30) {
            call.grpc("initech.orders.v1.OrderService", "GetOrder", "orders-grpc");
            call.auth = Auth.BEARER;
        } else if (roll < 50) {
            call.grpc("initech.orders.v1.OrderService", "CreateOrder", "orders-grpc");
            call.auth = Auth.BEARER;
            if (random.nextInt(4) == 0) {
                call.grpcStatus = 3;
                call.grpcMessage = "customer_id is required";
            }
        } else if (roll < 60) {
            call.grpc("initech.orders.v1.OrderService", "ListOrders", "orders-grpc");
            call.auth = Auth.API_KEY;
            if (random.nextInt(3) == 0) {
                call.grpcStatus = 7;
                call.grpcMessage = "caller may not list orders of another tenant";
            }
        } else if (roll < 85) {
            call.grpc("initech.inventory.v1.StockService", "Reserve", "inventory-grpc");
            call.auth = Auth.BEARER;
            if (random.nextInt(5) == 0) {
                // Trailers-only response: Envoy itself answered, status and message travel in the headers.
                call.grpcStatus = 14;
                call.grpcMessage = "no healthy upstream";
                call.trailersOnly = true;
                call.noHealthyUpstream = true;
            }
        } else {
            call.grpc("grpc.health.v1.Health", "Check", "inventory-grpc");
            call.userAgent = "grpc-health-probe/0.4.28";
        }
        return call;
    }

    // ---------------------------------------------------------------- entry builders

    private static HTTPAccessLogEntry httpEntry(Random random, NodeSpec node, Call call, long startMillis) {
        int clientPort = 30000 + random.nextInt(30000);
        String sourceIp = clientAddress(random, node);
        long durationMs = call.status >= 500 ? 200 + random.nextInt(2800) : 1 + random.nextInt(250);
        AccessLogCommon.Builder common = AccessLogCommon.newBuilder()
                .setSampleRate(1.0)
                .setDownstreamRemoteAddress(socket(sourceIp, clientPort))
                .setDownstreamLocalAddress(socket(node.ip() == null ? "10.0.9.9" : node.ip(), node.tls() ? 443 : 8080))
                .setStartTime(timestamp(startMillis))
                .setTimeToLastRxByte(millis(Math.max(1, durationMs / 10)))
                .setTimeToFirstDownstreamTxByte(millis(Math.max(1, durationMs - 1)))
                .setTimeToLastDownstreamTxByte(millis(durationMs))
                .setRouteName(call.routeName)
                .setUpstreamCluster(call.cluster)
                .setStreamId(uuid(random));
        if (!call.cluster.isEmpty() && !call.noHealthyUpstream) {
            common.setUpstreamRemoteAddress(socket("10.20.0." + (10 + random.nextInt(20)), 8080));
        }
        ResponseFlags.Builder flags = ResponseFlags.newBuilder();
        if (call.noRoute) {
            flags.setNoRouteFound(true);
        }
        if (call.noHealthyUpstream) {
            flags.setNoHealthyUpstream(true);
        }
        common.setResponseFlags(flags);
        if (node.tls()) {
            TLSProperties.Builder tls = TLSProperties.newBuilder()
                    .setTlsVersion(random.nextInt(6) == 0 ? TLSProperties.TLSVersion.TLSv1_2 : TLSProperties.TLSVersion.TLSv1_3)
                    .setTlsSniHostname(node.host());
            common.setTlsProperties(tls);
        } else if (random.nextInt(2) == 0) {
            // mTLS inside the mesh: the peer's certificate identifies the calling workload.
            common.setTlsProperties(TLSProperties.newBuilder()
                    .setTlsVersion(TLSProperties.TLSVersion.TLSv1_3)
                    .setPeerCertificateProperties(CertificateProperties.newBuilder()
                            .setSubject("CN=checkout-worker,OU=payments,O=Acme")
                            .setIssuer("CN=acme-mesh-ca,O=Acme")));
        }

        String requestId = uuid(random);
        HTTPRequestProperties.Builder request = HTTPRequestProperties.newBuilder()
                .setRequestMethod(call.method)
                .setScheme(node.tls() ? "https" : "http")
                .setAuthority(node.host())
                .setPath(call.path)
                .setUserAgent(call.userAgent)
                .setRequestId(requestId)
                .setRequestHeadersBytes(180 + random.nextInt(700))
                .setRequestBodyBytes(call.requestBody)
                .putRequestHeaders("user-agent", call.userAgent)
                .putRequestHeaders("x-request-id", requestId);
        switch (call.auth) {
            case BEARER -> request.putRequestHeaders("authorization", "Bearer " + fakeJwt(random));
            case BASIC -> request.putRequestHeaders("authorization", "Basic "
                    + Base64.getEncoder().encodeToString(("svc-" + random.nextInt(9) + ":hunter2").getBytes(StandardCharsets.UTF_8)));
            case API_KEY -> request.putRequestHeaders("x-api-key", "ak_demo_" + Long.toHexString(random.nextLong()));
            case NONE -> {
            }
        }

        HTTPResponseProperties.Builder response = HTTPResponseProperties.newBuilder()
                .setResponseCode(UInt32Value.of(call.status))
                .setResponseHeadersBytes(120 + random.nextInt(300))
                .setResponseBodyBytes(call.status == 204 || call.status == 304 || call.trailersOnly ? 0
                        : 20 + random.nextInt(call.grpcStatus != null ? 800 : 16000))
                .setResponseCodeDetails(call.noRoute ? "route_not_found" : "via_upstream");
        if (!call.contentType.isEmpty()) {
            response.putResponseHeaders("content-type", call.contentType);
        }
        if (node.tls() && call.grpcStatus == null && random.nextInt(10) < 7) {
            response.putResponseHeaders("strict-transport-security", "max-age=31536000; includeSubDomains");
        }
        if (node.tls() && call.grpcStatus == null) {
            securityHeaders(response, Math.floorMod(call.path.hashCode(), 4));
        }
        if (call.location != null) {
            response.putResponseHeaders("location", call.location);
        }
        if (call.grpcStatus != null) {
            String grpcStatus = Integer.toString(call.grpcStatus);
            // grpc-message is percent-encoded on the wire (gRPC spec)
            String grpcMessage = call.grpcMessage == null ? null : call.grpcMessage.replace(" ", "%20");
            if (call.trailersOnly) {
                response.putResponseHeaders("grpc-status", grpcStatus);
                if (grpcMessage != null) {
                    response.putResponseHeaders("grpc-message", grpcMessage);
                }
            } else {
                response.putResponseTrailers("grpc-status", grpcStatus);
                if (grpcMessage != null) {
                    response.putResponseTrailers("grpc-message", grpcMessage);
                }
            }
        }
        return HTTPAccessLogEntry.newBuilder()
                .setCommonProperties(common)
                .setProtocolVersion(call.version)
                .setRequest(request)
                .setResponse(response)
                .build();
    }

    private static TCPAccessLogEntry tcpEntry(long startMillis) {
        return TCPAccessLogEntry.newBuilder()
                .setCommonProperties(AccessLogCommon.newBuilder()
                        .setDownstreamRemoteAddress(socket("203.0.113.50", 51544))
                        .setDownstreamLocalAddress(socket("10.0.1.42", 5432))
                        .setUpstreamRemoteAddress(socket("10.20.5.10", 5432))
                        .setUpstreamCluster("acme-postgres")
                        .setStartTime(timestamp(startMillis))
                        .setTimeToLastDownstreamTxByte(millis(12_000))
                        .setDuration(millis(12_004)))
                .setConnectionProperties(ConnectionProperties.newBuilder().setReceivedBytes(1840).setSentBytes(92_311))
                .build();
    }

    // ---------------------------------------------------------------- helpers

    private static String clientAddress(Random random, NodeSpec node) {
        if (!node.tls()) {
            return "10.1." + random.nextInt(4) + "." + (2 + random.nextInt(60));
        }
        String[] nets = {"203.0.113.", "198.51.100.", "192.0.2."};
        return nets[random.nextInt(nets.length)] + (1 + random.nextInt(120));
    }

    private static Address socket(String ip, int port) {
        return Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(ip).setPortValue(port)).build();
    }

    private static Timestamp timestamp(long epochMillis) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(epochMillis, 1000))
                .setNanos((int) Math.floorMod(epochMillis, 1000) * 1_000_000).build();
    }

    private static Duration millis(long millis) {
        return Duration.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
    }

    private static String uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static String fakeJwt(Random random) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"user-" + random.nextInt(200) + "\",\"iss\":\"https://id.example\"}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + Long.toHexString(random.nextLong());
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Pairs of (status, weight). */
    private static int weighted(Random random, int... statusWeightPairs) {
        int total = 0;
        for (int i = 1; i < statusWeightPairs.length; i += 2) {
            total += statusWeightPairs[i];
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < statusWeightPairs.length; i += 2) {
            roll -= statusWeightPairs[i + 1];
            if (roll < 0) {
                return statusWeightPairs[i];
            }
        }
        throw new IllegalStateException("unreachable");
    }

    static String protocolName(HTTPVersion version) {
        return switch (version) {
            case HTTP10 -> "http/1.0";
            case HTTP11 -> "http/1.1";
            case HTTP2 -> "http/2";
            case HTTP3 -> "http/3";
            default -> "";
        };
    }

    static String stripQuery(String path) {
        int cut = path.indexOf('?');
        return cut < 0 ? path : path.substring(0, cut);
    }

    // ---------------------------------------------------------------- types

    enum Kind { REST, GRPC }

    enum Auth { NONE, BEARER, BASIC, API_KEY }

    record NodeSpec(String listener, String baseProject, String ip, String host, Kind kind, boolean tls) {
        String project(Options options) {
            return baseProject + options.projectSuffix();
        }

        String nodeId(Options options) {
            return listener + "::" + project(options) + (ip == null ? "" : "::" + ip);
        }
    }

    /** One generated HTTP call before it becomes an Envoy entry. */
    private static final class Call {
        RequestMethod method = RequestMethod.GET;
        String path = "/";
        HTTPVersion version = HTTPVersion.HTTP11;
        int status = 200;
        String contentType = "";
        String userAgent = "";
        String routeName = "";
        String cluster = "";
        String location;
        Integer grpcStatus;
        String grpcMessage;
        boolean trailersOnly;
        boolean noRoute;
        boolean noHealthyUpstream;
        /** A path the default runtime config's {@code ingest_deny_patterns} drop at the gateway. */
        boolean healthProbe;
        long requestBody;
        Auth auth = Auth.NONE;

        void get(String path, int status) {
            this.method = RequestMethod.GET;
            this.path = path;
            this.status = status;
        }

        void send(RequestMethod method, String path, int status) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.requestBody = 120;
        }

        void grpc(String service, String rpc, String cluster) {
            this.path = "/" + service + "/" + rpc;
            this.cluster = cluster;
        }
    }

    /** How much traffic to generate; {@code projectSuffix} makes the project ids unique per test run. */
    public record Options(long seed, int entries, int streams, int batchSize, long baseEpochMillis,
            String projectSuffix, String logName) {
        public static final long DEFAULT_SEED = 42L;

        public static Options defaults() {
            return new Options(DEFAULT_SEED, 3000, 4, 50, System.currentTimeMillis(), "", "periscope");
        }

        public Options withSeed(long value) {
            return new Options(value, entries, streams, batchSize, baseEpochMillis, projectSuffix, logName);
        }

        public Options withEntries(int value) {
            return new Options(seed, value, streams, batchSize, baseEpochMillis, projectSuffix, logName);
        }

        public Options withStreams(int value) {
            return new Options(seed, entries, value, batchSize, baseEpochMillis, projectSuffix, logName);
        }

        public Options withBatchSize(int value) {
            return new Options(seed, entries, streams, value, baseEpochMillis, projectSuffix, logName);
        }

        public Options withBaseEpochMillis(long value) {
            return new Options(seed, entries, streams, batchSize, value, projectSuffix, logName);
        }

        public Options withProjectSuffix(String value) {
            return new Options(seed, entries, streams, batchSize, baseEpochMillis, value, logName);
        }

        public Options withLogName(String value) {
            return new Options(seed, entries, streams, batchSize, baseEpochMillis, projectSuffix, value);
        }

        void validate() {
            if (entries < 2 || streams < 1 || batchSize < 1) {
                throw new IllegalArgumentException("entries >= 2, streams >= 1 and batch size >= 1 are required");
            }
            if (logName == null || logName.isBlank()) {
                throw new IllegalArgumentException("log name must not be blank");
            }
        }
    }

    /** The streams to send and what a receiver must end up with. */
    public record Plan(List<AlsStream> streams, Summary summary) {
    }

    /**
     * Expected counts. Protocols are the {@code AccessEvent.protocol} values (gRPC calls count as http/2 and are also
     * counted in {@code grpcCalls}); paths are raw paths without query string; endpoint keys are {@code METHOD path}.
     */
    public record Summary(int streams, int messages, int totalEntries, int tcpEntries, int grpcCalls, int grpcErrors,
            int authObserved, int routeNotMatched, Map<String, Integer> entriesByProject,
            Map<String, Integer> entriesByListener, Map<String, Integer> entriesByProtocol,
            Map<String, Integer> entriesByStatusClass, Map<String, SortedSet<String>> distinctPathsByProject,
            Map<String, Map<String, Integer>> entriesByEndpoint, Map<String, Integer> healthProbesByProject) {

        /** Health-probe entries: sent, but dropped at the gateway by the default {@code ingest_deny_patterns}. */
        public int healthProbes() {
            return healthProbesByProject.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Entries per project that reach the topics and stores under the default runtime config. */
        public Map<String, Integer> storedByProject() {
            Map<String, Integer> stored = new TreeMap<>(entriesByProject);
            healthProbesByProject.forEach((project, probes) -> stored.merge(project, -probes, Integer::sum));
            return Collections.unmodifiableMap(stored);
        }

        public int storedEntries() {
            return totalEntries - healthProbes();
        }
    }

    private static final class Tally {
        int total;
        int tcp;
        int grpc;
        int grpcErrors;
        int auth;
        int noRoute;
        final Map<String, Integer> byProject = new TreeMap<>();
        final Map<String, Integer> byListener = new TreeMap<>();
        final Map<String, Integer> byProtocol = new TreeMap<>();
        final Map<String, Integer> byStatusClass = new TreeMap<>();
        final Map<String, SortedSet<String>> paths = new TreeMap<>();
        final Map<String, Map<String, Integer>> endpoints = new TreeMap<>();
        final Map<String, Integer> healthProbes = new TreeMap<>();

        void http(String project, String listener, Call call) {
            common(project, listener, protocolName(call.version));
            healthProbes.merge(project, call.healthProbe ? 1 : 0, Integer::sum);
            byStatusClass.merge(call.status / 100 + "xx", 1, Integer::sum);
            String path = stripQuery(call.path);
            paths.computeIfAbsent(project, p -> new TreeSet<>()).add(path);
            endpoints.computeIfAbsent(project, p -> new TreeMap<>()).merge(call.method.name() + " " + path, 1,
                    Integer::sum);
            if (call.grpcStatus != null) {
                grpc++;
                if (call.grpcStatus != 0) {
                    grpcErrors++;
                }
            }
            if (call.auth != Auth.NONE) {
                auth++;
            }
            if (call.noRoute) {
                noRoute++;
            }
        }

        void tcp(String project, String listener) {
            common(project, listener, "tcp");
            tcp++;
        }

        private void common(String project, String listener, String protocol) {
            total++;
            byProject.merge(project, 1, Integer::sum);
            byListener.merge(project + "/" + listener, 1, Integer::sum);
            byProtocol.merge(protocol, 1, Integer::sum);
        }

        Summary summary(int streams, int messages) {
            Map<String, SortedSet<String>> frozenPaths = new TreeMap<>();
            paths.forEach((k, v) -> frozenPaths.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
            Map<String, Map<String, Integer>> frozenEndpoints = new TreeMap<>();
            endpoints.forEach((k, v) -> frozenEndpoints.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
            return new Summary(streams, messages, total, tcp, grpc, grpcErrors, auth, noRoute,
                    Collections.unmodifiableMap(byProject), Collections.unmodifiableMap(byListener),
                    Collections.unmodifiableMap(byProtocol), Collections.unmodifiableMap(byStatusClass),
                    Collections.unmodifiableMap(frozenPaths), Collections.unmodifiableMap(frozenEndpoints),
                    Collections.unmodifiableMap(healthProbes));
        }
    }
}
