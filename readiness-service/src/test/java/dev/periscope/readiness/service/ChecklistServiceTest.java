package dev.periscope.readiness.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.periscope.readiness.checklist.ChecklistEvaluator;
import dev.periscope.readiness.checklist.CounterWindow;
import dev.periscope.readiness.checklist.RuleSet;

/** The default pack plus an operator directory: validated at start-up and reloaded when a file changes. */
class ChecklistServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String EXTRA = """
            rules:
              - id: ops.extra
                section: observability
                title: Extra
                severity: warn
                expr: facts['x'] == 1
            """;

    @TempDir
    Path dir;

    private ChecklistService service(boolean defaultPack, Optional<Path> directory) {
        return new ChecklistService(new InstanceRegistry(CLOCK), new RulePackReader(defaultPack, directory),
                new ChecklistEvaluator(Duration.ofSeconds(60), new CounterWindow(Duration.ofMinutes(15))), CLOCK);
    }

    @Test
    void loadsTheDefaultPackAndTheOperatorFilesAndRejectsTheBadOneWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("10-extra.yaml"), EXTRA);
        Files.writeString(dir.resolve("20-bad.yml"), EXTRA.replace("ops.extra", "ops.bad")
                .replace("facts['x'] == 1", "facts['x'] =="));
        Files.writeString(dir.resolve("notes.txt"), "not a rule file");

        RuleSet rules = service(true, Optional.of(dir)).reload();

        assertThat(rules.rules()).extracting(r -> r.definition().id()).contains("security.als-tls", "ops.extra")
                .doesNotContain("ops.bad");
        assertThat(rules.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("ops.bad");
            assertThat(r.origin().file()).isEqualTo(dir.resolve("20-bad.yml").toString());
            assertThat(r.origin().line()).isEqualTo(6);
        });
    }

    @Test
    void reloadsOnlyWhenAFileChanges() throws IOException {
        Path file = dir.resolve("extra.yaml");
        Files.writeString(file, EXTRA);
        ChecklistService service = service(false, Optional.of(dir));
        service.reload();

        assertThat(service.reloadIfChanged()).isFalse();
        Files.writeString(file, EXTRA.replace("ops.extra", "ops.renamed"));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertThat(service.reloadIfChanged()).isTrue();
        assertThat(service.rules().rules()).extracting(r -> r.definition().id()).containsExactly("ops.renamed");
    }

    @Test
    void aMissingDirectoryIsReportedAndTheDefaultPackStillLoads() {
        RuleSet rules = service(true, Optional.of(dir.resolve("nope"))).reload();

        assertThat(rules.rules()).isNotEmpty();
        assertThat(rules.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("rule directory not found"));
    }

    @Test
    void withNothingReportingEveryItemIsUnknownAndTheVerdictDegraded() {
        ChecklistService service = service(true, Optional.empty());
        service.reload();

        var report = service.evaluate();

        assertThat(report.items()).isNotEmpty().allSatisfy(i -> assertThat(i.status().name()).isEqualTo("UNKNOWN"));
        assertThat(report.verdict().name()).isEqualTo("DEGRADED");
    }
}
