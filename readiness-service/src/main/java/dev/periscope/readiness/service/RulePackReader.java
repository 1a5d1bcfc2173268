package dev.periscope.readiness.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.periscope.readiness.checklist.RuleOrigin;
import dev.periscope.readiness.checklist.RuleRejection;
import dev.periscope.readiness.checklist.RuleSource;

/**
 * Reads the rule files: the default pack from the classpath, then the operator directory's {@code *.yaml} /
 * {@code *.yml} files in name order. A file that cannot be read is reported, never fatal.
 */
public class RulePackReader {
    public static final String DEFAULT_PACK = "readiness/rules/default-pack.yaml";

    private final boolean defaultPack;
    private final Optional<Path> directory;

    public RulePackReader(boolean defaultPack, Optional<Path> directory) {
        this.defaultPack = defaultPack;
        this.directory = directory;
    }

    /** The files read, and the rejections of the ones that could not be. */
    public record Read(List<RuleSource> sources, List<RuleRejection> unreadable) {
    }

    public Read read() {
        List<RuleSource> sources = new ArrayList<>();
        List<RuleRejection> unreadable = new ArrayList<>();
        if (defaultPack) {
            sources.add(new RuleSource("classpath:" + DEFAULT_PACK, classpathText(DEFAULT_PACK)));
        }
        directory.ifPresent(dir -> {
            for (Path file : ruleFiles(dir, unreadable)) {
                try {
                    sources.add(new RuleSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException | UncheckedIOException e) {
                    unreadable.add(new RuleRejection(null, new RuleOrigin(file.toString(), 1),
                            "cannot read: " + e.getMessage()));
                }
            }
        });
        return new Read(sources, unreadable);
    }

    /** Names, sizes and modification times of the operator's rule files: a change means reload. */
    public String signature() {
        if (directory.isEmpty()) {
            return "";
        }
        StringBuilder signature = new StringBuilder();
        for (Path file : ruleFiles(directory.get(), new ArrayList<>())) {
            try {
                signature.append(file).append('|').append(Files.size(file)).append('|')
                        .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            } catch (IOException e) {
                signature.append(file).append("|unreadable\n");
            }
        }
        return signature.toString();
    }

    private static List<Path> ruleFiles(Path dir, List<RuleRejection> unreadable) {
        if (!Files.isDirectory(dir)) {
            unreadable.add(new RuleRejection(null, new RuleOrigin(dir.toString(), 1), "rule directory not found"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml")
                            || f.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            unreadable.add(new RuleRejection(null, new RuleOrigin(dir.toString(), 1), "cannot list: " + e.getMessage()));
            return List.of();
        }
    }

    private static String classpathText(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("default rule pack missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
