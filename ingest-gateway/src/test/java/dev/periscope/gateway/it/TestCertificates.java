package dev.periscope.gateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Generates, at test time with {@code openssl}, a CA, a server certificate for 127.0.0.1/localhost and a client
 * certificate signed by that CA, plus a client certificate from an unrelated CA; and points the gateway's TLS
 * settings at them (mTLS). Nothing is checked in.
 */
public class TestCertificates implements QuarkusTestResourceLifecycleManager {
    static final Path DIR = dir();

    static Path file(String name) {
        return DIR.resolve(name);
    }

    @Override
    public Map<String, String> start() {
        generate();
        return Map.of(
                "periscope.gateway.grpc.tls.cert-file", file("server.crt").toString(),
                "periscope.gateway.grpc.tls.key-file", file("server.key").toString(),
                "periscope.gateway.grpc.tls.client-ca-file", file("ca.crt").toString());
    }

    @Override
    public void stop() {
    }

    static synchronized void generate() {
        if (Files.exists(file("client.crt"))) {
            return;
        }
        ca("ca");
        ca("rogue-ca");
        signed("server", "ca", "/CN=ingest-gateway", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        signed("client", "ca", "/CN=envoy-edge", "extendedKeyUsage=clientAuth");
        signed("rogue", "rogue-ca", "/CN=not-envoy", "extendedKeyUsage=clientAuth");
    }

    private static void ca(String name) {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=periscope-test-" + name,
                "-keyout", file(name + ".key").toString(), "-out", file(name + ".crt").toString());
    }

    private static void signed(String name, String ca, String subject, String extension) {
        // openssl genpkey writes PKCS#8, which the JDK TLS provider reads; EC keys are generated in milliseconds
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                file(name + ".key").toString());
        openssl("req", "-new", "-key", file(name + ".key").toString(), "-subj", subject, "-out",
                file(name + ".csr").toString());
        try {
            Files.writeString(file(name + ".ext"), extension + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("x509", "-req", "-in", file(name + ".csr").toString(), "-CA", file(ca + ".crt").toString(),
                "-CAkey", file(ca + ".key").toString(), "-CAcreateserial", "-days", "2", "-extfile",
                file(name + ".ext").toString(), "-out", file(name + ".crt").toString());
    }

    private static void openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path dir() {
        try {
            return Files.createTempDirectory("periscope-gateway-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
