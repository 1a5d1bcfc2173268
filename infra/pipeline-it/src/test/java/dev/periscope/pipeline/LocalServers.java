package dev.periscope.pipeline;

/** Where the real servers are: the local ones by default, external ones when the environment says so. */
final class LocalServers {
    static final String KAFKA = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final String MONGO_URI = env("MONGO_URI", "mongodb://127.0.0.1:27017");
    static final String CLICKHOUSE_URI = env("CLICKHOUSE_URI", "http://127.0.0.1:8123");

    private LocalServers() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
