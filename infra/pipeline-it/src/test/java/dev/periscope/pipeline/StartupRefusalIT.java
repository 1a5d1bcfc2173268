package dev.periscope.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.testing.ServiceProcess;

/** A packaged service refuses to start without a strong HASH_SALT, with exit code 78 and a one-line reason. */
class StartupRefusalIT {

    @ParameterizedTest
    @CsvSource({
            "enricher, '', 'HASH_SALT is missing or empty'",
            "ingest-gateway, short, 'HASH_SALT is too short'",
            "readiness-service, changeme, 'HASH_SALT is a well-known placeholder'"})
    void refusesToStartWithAMissingOrWeakSalt(String service, String salt, String reason) throws Exception {
        Path root = RepoPaths.root();
        Path log = Files.createTempFile("refusal-" + service, ".log");
        ProcessBuilder builder = new ProcessBuilder(ServiceProcess.javaBinary(), "-jar",
                root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HASH_SALT", salt);
        builder.environment().put("PERISCOPE_READINESS_AUTH_TOKEN_FILE",
                new ReadinessTokens(log.resolveSibling(log.getFileName() + ".tokens")).file.toString());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", LocalServers.KAFKA);
        // Free ports: a refused start must not depend on (or disturb) anything else running.
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_GRPC_SERVER_PORT", "0");
        Process process = builder.start();

        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(exited).as("exited by itself; output:\n" + String.join("\n", lines)).isTrue();
        assertThat(process.exitValue()).isEqualTo(78);
        assertThat(lines).filteredOn(line -> line.contains("startup refused:")).singleElement().asString()
                .contains(reason);
        assertThat(lines).as("nothing starts under a refused salt").noneMatch(line -> line.contains("started in")
                || line.contains("Kafka consumer") || line.contains("Exception"));
    }
}
