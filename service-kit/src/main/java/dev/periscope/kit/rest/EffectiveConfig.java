package dev.periscope.kit.rest;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/** The configuration that shapes behaviour, with secrets and credentials in URIs redacted. */
@ApplicationScoped
public class EffectiveConfig {
    static final String REDACTED = "<redacted>";
    private static final String[] PREFIXES = {"periscope.", "kafka.", "mp.messaging.", "quarkus.mongodb.",
            "quarkus.grpc.server.", "quarkus.http.port", "quarkus.management.port", "quarkus.application."};
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(salt|password|secret|token|credential|"
            + "\\.key$|private|sasl\\.jaas).*");
    private static final Pattern URI_USERINFO = Pattern.compile("(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

    private final Config config;

    public EffectiveConfig(Config config) {
        this.config = config;
    }

    public Map<String, Object> redacted() {
        Map<String, Object> values = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (!hasKnownPrefix(name) || name.startsWith("%")) {
                continue;
            }
            config.getOptionalValue(name, String.class).ifPresent(value -> values.put(name, redact(name, value)));
        }
        return values;
    }

    static String redact(String name, String value) {
        if (SECRET_NAME.matcher(name).matches()) {
            return REDACTED;
        }
        return URI_USERINFO.matcher(value).replaceAll("${scheme}" + REDACTED + "@");
    }

    private static boolean hasKnownPrefix(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
