package dev.periscope.inventory.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.periscope.inventory.repository.InventoryEntry;

/**
 * Suggests path templates the normalizer missed: sibling endpoints (same host and method, same path except one
 * segment) whose differing segment looks like an identifier and takes at least {@code minDistinct} values, e.g.
 * {@code /orders/1001}, {@code /orders/1002}, … → {@code /orders/{id}}. Pure; works on the inventory alone.
 */
public final class NormalizeGapFinder {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{8,}");
    /** Mixed letters and digits of a typical opaque id (at least one digit, 6+ characters). */
    private static final Pattern OPAQUE = Pattern.compile("(?=.*\\d)[A-Za-z0-9_\\-]{6,}");
    private static final int EXAMPLES = 5;
    private static final int MAX_IDS = 20;

    private NormalizeGapFinder() {
    }

    /** One suggestion. */
    public record Gap(String host, String method, String suggestedPath, String segmentKind, int distinctValues,
            List<String> examples, long seenCount, List<String> endpointIds) {
    }

    public static List<Gap> find(List<InventoryEntry> entries, int minDistinct) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (InventoryEntry e : entries) {
            if (e.normalizedPath == null || !e.normalizedPath.startsWith("/")) {
                continue;
            }
            String[] segments = e.normalizedPath.substring(1).split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String kind = kind(segments[i]);
                if (kind == null) {
                    continue;
                }
                String[] template = segments.clone();
                template[i] = "{" + kind + "}";
                String path = "/" + String.join("/", template);
                Group group = groups.computeIfAbsent(e.host + " " + e.method + " " + path,
                        k -> new Group(e.host, e.method, path, kind));
                group.add(segments[i], e);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.values.size() >= minDistinct) {
                gaps.add(new Gap(g.host, g.method, g.path, g.kind, g.values.size(),
                        g.values.stream().limit(EXAMPLES).toList(), g.seen,
                        g.ids.stream().limit(MAX_IDS).toList()));
            }
        }
        gaps.sort(Comparator.comparingInt(Gap::distinctValues).reversed().thenComparing(Gap::suggestedPath));
        return gaps;
    }

    /** What kind of identifier a literal segment looks like, or null when it looks like a word or a template. */
    static String kind(String segment) {
        if (segment.isEmpty() || segment.startsWith("{")) {
            return null;
        }
        if (NUMBER.matcher(segment).matches()) {
            return "id";
        }
        if (UUID.matcher(segment).matches()) {
            return "uuid";
        }
        if (HEX.matcher(segment).matches()) {
            return "hex";
        }
        return OPAQUE.matcher(segment).matches() ? "token" : null;
    }

    private static final class Group {
        final String host;
        final String method;
        final String path;
        final String kind;
        final Set<String> values = new LinkedHashSet<>();
        final List<String> ids = new ArrayList<>();
        long seen;

        Group(String host, String method, String path, String kind) {
            this.host = host;
            this.method = method;
            this.path = path;
            this.kind = kind;
        }

        void add(String value, InventoryEntry e) {
            values.add(value);
            ids.add(e.id);
            seen += e.seenCount;
        }
    }
}
