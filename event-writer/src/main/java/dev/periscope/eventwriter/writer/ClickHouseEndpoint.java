package dev.periscope.eventwriter.writer;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * CLICKHOUSE_URI split into what the HTTP client takes: {@code http(s)://host:port}, plus credentials from the
 * URI's user-info, which explicit CLICKHOUSE_USERNAME / CLICKHOUSE_PASSWORD override.
 */
public record ClickHouseEndpoint(String url, String username, String password) {

    public static ClickHouseEndpoint of(String uri, Optional<String> username, Optional<String> password) {
        URI parsed = URI.create(uri.strip());
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("CLICKHOUSE_URI must be http:// or https:// (the HTTP interface), got "
                    + scheme + "://");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("CLICKHOUSE_URI has no host");
        }
        int port = parsed.getPort() > 0 ? parsed.getPort() : (scheme.equals("https") ? 8443 : 8123);
        String user = "default";
        String secret = "";
        if (parsed.getRawUserInfo() != null) {
            String[] parts = parsed.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            secret = parts.length > 1 ? decode(parts[1]) : "";
        }
        return new ClickHouseEndpoint(scheme + "://" + parsed.getHost() + ":" + port,
                username.filter(u -> !u.isBlank()).orElse(user),
                password.filter(p -> !p.isEmpty()).orElse(secret));
    }

    public boolean loopback() {
        String host = URI.create(url).getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** The endpoint without credentials, for logs and health details. */
    @Override
    public String toString() {
        return url;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
