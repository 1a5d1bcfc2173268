package dev.periscope.inventory.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.periscope.inventory.repository.InventoryEntry;

/**
 * An OpenAPI 3.0.3 document of a project's confirmed inventory (pure): one operation per endpoint, path
 * parameters from the templates, observed query-parameter names, one response per observed status, and the
 * observations as {@code x-periscope-*} extensions. Truncated (and marked so) beyond {@code maxOperations}.
 */
public final class OpenApiExporter {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final java.util.Set<String> METHODS = java.util.Set.of("get", "put", "post", "delete", "options",
            "head", "patch", "trace");

    private OpenApiExporter() {
    }

    public record Export(Map<String, Object> document, int operations, boolean truncated) {
    }

    public static Export export(String project, List<InventoryEntry> confirmed, int maxOperations) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        TreeSet<String> hosts = new TreeSet<>();
        int operations = 0;
        boolean truncated = false;
        for (InventoryEntry e : confirmed) {
            String method = e.method == null ? "" : e.method.toLowerCase(Locale.ROOT);
            if (!METHODS.contains(method) || e.normalizedPath == null || !e.normalizedPath.startsWith("/")) {
                continue; // not expressible as an OpenAPI operation (e.g. CONNECT, tcp)
            }
            if (operations >= maxOperations) {
                truncated = true;
                break;
            }
            Map<String, Object> item = paths.computeIfAbsent(e.normalizedPath, p -> new TreeMap<>());
            if (item.containsKey(method)) {
                continue; // same path and method on another host or listener: the first (busiest) one describes it
            }
            item.put(method, operation(e));
            if (e.host != null && !e.host.isEmpty()) {
                hosts.add(e.host);
            }
            operations++;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", project + " (observed by Periscope)", "version", "observed",
                "description", "Generated from the confirmed api_inventory of project " + project
                        + ": what traffic showed, not what a specification promises."));
        List<Map<String, Object>> servers = new ArrayList<>();
        hosts.forEach(h -> servers.add(Map.of("url", "https://" + h)));
        doc.put("servers", servers);
        doc.put("paths", paths);
        doc.put("x-periscope-project", project);
        doc.put("x-periscope-truncated", truncated);
        return new Export(doc, operations, truncated);
    }

    private static Map<String, Object> operation(InventoryEntry e) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", e.id);
        op.put("summary", e.method + " " + e.normalizedPath);
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = TEMPLATE.matcher(e.normalizedPath);
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (e.queryParams != null) {
            for (String name : e.queryParams) {
                parameters.add(Map.of("name", name, "in", "query", "required", false,
                        "schema", Map.of("type", "string")));
            }
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> responses = new TreeMap<>();
        if (e.statusDist != null) {
            e.statusDist.forEach((status, n) -> {
                if (status.matches("[1-5]\\d\\d")) {
                    responses.put(status, Map.of("description", "observed " + n + " times"));
                }
            });
        }
        if (responses.isEmpty()) {
            responses.put("default", Map.of("description", "no HTTP status observed"));
        }
        op.put("responses", responses);
        op.put("x-periscope-seen-count", e.seenCount);
        putIfPresent(op, "x-periscope-first-seen", e.firstSeen == null ? null : e.firstSeen.toString());
        putIfPresent(op, "x-periscope-last-seen", e.lastSeen == null ? null : e.lastSeen.toString());
        op.put("x-periscope-max-risk-score", e.maxRiskScore);
        putIfPresent(op, "x-periscope-risk-flags", InventoryView.riskFlags(e));
        putIfPresent(op, "x-periscope-endpoint-categories", e.endpointCategories);
        putIfPresent(op, "x-periscope-pii-categories", e.piiCategories);
        putIfPresent(op, "x-periscope-auth-schemes", e.authSchemes);
        putIfPresent(op, "x-periscope-host", e.host);
        return op;
    }

    private static void putIfPresent(Map<String, Object> op, String key, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            op.put(key, value);
        }
    }
}
