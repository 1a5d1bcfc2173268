package dev.periscope.model.testing;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, for tests that need a real
 * process: a graceful stop (SIGTERM), a hard kill ({@code kill -9}: no shutdown hook, no flush, no offset commit),
 * a refused start. Its output goes to a log file; the management port is set through the environment.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int managementPort;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int managementPort, Process process, Path log) {
        this.name = name;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code moduleDir/target/quarkus-app/quarkus-run.jar} (heap 256 MiB) logging to {@code log}. */
    public static ServiceProcess start(Path moduleDir, String name, Path log, int managementPort,
            Map<String, String> env) throws IOException {
        Path jar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first (the ITs run in 'verify')");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("PERISCOPE_MANAGEMENT_PORT", Integer.toString(managementPort));
        return new ServiceProcess(name, managementPort, builder.start(), log);
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public boolean ready() {
        return get("/readyz").map(response -> response.statusCode() == 200).orElse(false);
    }

    /** The management port's {@code /metrics} text, "" when it does not answer. */
    public String metrics() {
        return get("/metrics").map(HttpResponse::body).orElse("");
    }

    private Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + path)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGKILL on Linux: the JVM gets no chance to commit offsets or finish a write. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits up to {@code bound}; returns how long the process took to exit, or null if it did not. */
    public Duration terminate(Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) ? Duration.ofNanos(System.nanoTime() - start)
                : null;
    }

    public List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    public long logLinesContaining(String needle) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(needle)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, and SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (terminate(Duration.ofSeconds(30)) == null) {
            kill9();
        }
    }
}
