package dev.periscope.gateway.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses Envoy's {@code node.id} of the form {@code listener::project[::ip]}. The ip part may itself contain
 * {@code ::} (a compressed IPv6 address). Anything else (fewer than two parts, a blank part, whitespace, control
 * or invisible format characters, ':' in listener or project, absurd length) is malformed: the caller drops that
 * stream's entries.
 */
public final class NodeIdParser {
    static final String SEPARATOR = "::";
    static final int MAX_LENGTH = 512;
    private static final Pattern NAME = Pattern.compile("[^\\s:\\p{Cc}\\p{Cf}]+");
    private static final Pattern IP = Pattern.compile("[^\\s\\p{Cc}\\p{Cf}]+");

    private NodeIdParser() {
    }

    public static Optional<NodeId> parse(String nodeId) {
        if (nodeId == null || nodeId.isEmpty() || nodeId.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = nodeId.split(SEPARATOR, 3);
        if (parts.length < 2) {
            return Optional.empty();
        }
        String listener = parts[0];
        String project = parts[1];
        String ip = parts.length == 3 ? parts[2] : "";
        if (!NAME.matcher(listener).matches() || !NAME.matcher(project).matches()
                || (parts.length == 3 && !IP.matcher(ip).matches())) {
            return Optional.empty();
        }
        return Optional.of(new NodeId(listener, project, ip));
    }

    /** {@code ip} is empty when the node id has only two parts. */
    public record NodeId(String listener, String project, String ip) {
    }
}
