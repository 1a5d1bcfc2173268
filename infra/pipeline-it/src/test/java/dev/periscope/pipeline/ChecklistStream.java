package dev.periscope.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.restassured.path.json.JsonPath;

/**
 * readiness-service's server-sent checklist changes ({@code GET /api/checklist/stream}), read on a background
 * thread: every {@code data:} line kept as parsed JSON, in arrival order.
 */
final class ChecklistStream implements AutoCloseable {
    private final List<JsonPath> changes = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    ChecklistStream(int port, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/checklist/stream"))
                .header("Authorization", bearer).header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(10)).GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().filter(line -> line.startsWith("data:"))
                .forEach(line -> changes.add(JsonPath.from(line.substring(5).trim()))));
    }

    /** The status of {@code subject}'s evidence in the latest change of item {@code id}, or null if none yet. */
    String latestEvidenceStatus(String id, String subject) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            JsonPath change = changes.get(i);
            if (!id.equals(change.getString("id")) || change.getBoolean("removed")) {
                continue;
            }
            List<Map<String, Object>> evidence = change.getList("item.evidence");
            for (Map<String, Object> e : evidence) {
                if (subject.equals(e.get("subject"))) {
                    return (String) e.get("status");
                }
            }
        }
        return null;
    }

    int received() {
        return changes.size();
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
