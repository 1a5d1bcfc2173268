package dev.periscope.inventory.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged inventory-writer ({@code target/quarkus-app/quarkus-run.jar}) as a child process, so a test can
 * kill it the hard way ({@code kill -9}: no shutdown hook, no flush, no offset commit). Pattern of
 * infra/pipeline-it's ServiceProcess.
 */
final class InventoryWriterProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int managementPort;
    private final Process process;
    private final Path log;

    private InventoryWriterProcess(int managementPort, Process process, Path log) {
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    static InventoryWriterProcess start(String name, int managementPort, Map<String, String> env)
            throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through 'verify' (after 'package')");
        }
        Path logDir = Path.of("target/crash-it-logs");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PERISCOPE_MANAGEMENT_PORT", Integer.toString(managementPort));
        return new InventoryWriterProcess(managementPort, builder.start(), log);
    }

    boolean ready() {
        return get("/readyz").map(r -> r.statusCode() == 200).orElse(false);
    }

    String metrics() {
        return get("/metrics").map(HttpResponse::body).orElse("");
    }

    private java.util.Optional<HttpResponse<String>> get(String path) {
        try {
            return java.util.Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: the JVM gets no chance to commit offsets or finish a write. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill9();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
