package dev.periscope.kit.runtimeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder.Outcome;
import dev.periscope.model.config.RuntimeConfig;

class RuntimeConfigHolderTest {
    private final RuntimeConfigHolder holder = new RuntimeConfigHolder();

    static Map<String, Object> doc(long version, String... excludedMethods) {
        return Map.of("_id", "default", "version", version, "updated_by", "test",
                "policy", Map.of("exclude", Map.of("methods", List.of(excludedMethods))));
    }

    static Map<String, Object> invalidDoc(long version) {
        return Map.of("version", version, "policy", Map.of("ingest_deny_patterns", List.of("(unclosed")));
    }

    @Test
    void startsWithTheDefaults() {
        assertThat(holder.current()).isSameAs(RuntimeConfig.defaults());
        RuntimeConfigStatus status = holder.status();
        assertThat(status.source()).isEqualTo("defaults");
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.lastCheck()).isEmpty();
    }

    @Test
    void aHigherValidVersionIsAppliedAndListenersHearOfIt() {
        List<Long> heard = new ArrayList<>();
        holder.subscribe(config -> heard.add(config.version()));

        assertThat(holder.offer(doc(1, "OPTIONS"))).isEqualTo(Outcome.APPLIED);

        assertThat(holder.current().version()).isEqualTo(1);
        assertThat(holder.current().policy().exclude().methods()).containsExactly("OPTIONS");
        assertThat(holder.status().source()).isEqualTo("mongodb");
        assertThat(heard).containsExactly(0L, 1L);
    }

    @Test
    void onlyAHigherVersionReplacesTheActiveOne() {
        holder.offer(doc(5, "OPTIONS"));
        assertThat(holder.offer(doc(5, "TRACE"))).isEqualTo(Outcome.NOT_NEWER);
        assertThat(holder.offer(doc(4, "TRACE"))).isEqualTo(Outcome.NOT_NEWER);
        assertThat(holder.current().policy().exclude().methods()).containsExactly("OPTIONS");
        assertThat(holder.offer(doc(6, "TRACE"))).isEqualTo(Outcome.APPLIED);
        assertThat(holder.current().policy().exclude().methods()).containsExactly("TRACE");
    }

    @Test
    void anInvalidDocumentKeepsTheLastGoodAndIsRecordedUntilAGoodRead() {
        holder.offer(doc(1, "OPTIONS"));
        RuntimeConfig lastGood = holder.current();

        assertThat(holder.offer(invalidDoc(2))).isEqualTo(Outcome.INVALID);
        assertThat(holder.offer(invalidDoc(2))).isEqualTo(Outcome.INVALID);

        assertThat(holder.current()).isSameAs(lastGood);
        RuntimeConfigStatus status = holder.status();
        assertThat(status.consecutiveFailures()).isEqualTo(2);
        assertThat(status.lastError()).startsWith("invalid document (version 2): policy.ingest_deny_patterns[0]: "
                + "invalid regex '(unclosed'");
        assertThat(status.lastErrorAt()).isNotNull();

        assertThat(holder.offer(doc(3, "TRACE"))).isEqualTo(Outcome.APPLIED);
        assertThat(holder.status().consecutiveFailures()).isZero();
        assertThat(holder.status().lastError()).isEmpty();
        assertThat(holder.current().version()).isEqualTo(3);
    }

    @Test
    void anInvalidDocumentIsAFailureEvenWithAnOldVersion() {
        holder.offer(doc(3));
        assertThat(holder.offer(invalidDoc(1))).isEqualTo(Outcome.INVALID);
        assertThat(holder.current().version()).isEqualTo(3);
    }

    @Test
    void anUnreachableStoreKeepsTheLastGoodAndAnyGoodReadClearsTheFailures() {
        holder.offer(doc(2));
        assertThat(holder.recordFailure("cannot read: MongoTimeoutException")).isEqualTo(Outcome.UNREACHABLE);
        assertThat(holder.status().consecutiveFailures()).isEqualTo(1);
        assertThat(holder.current().version()).isEqualTo(2);

        assertThat(holder.offer(doc(2))).isEqualTo(Outcome.NOT_NEWER);
        assertThat(holder.status().consecutiveFailures()).isZero();
        assertThat(holder.status().lastError()).isEmpty();
    }

    @Test
    void noStoredDocumentKeepsTheDefaults() {
        assertThat(holder.offer(null)).isEqualTo(Outcome.NO_DOCUMENT);
        assertThat(holder.current()).isSameAs(RuntimeConfig.defaults());
        assertThat(holder.status().lastCheck()).isPresent();
    }

    @Test
    void aThrowingListenerDoesNotStopTheSwapOrTheOthers() {
        List<Long> heard = new ArrayList<>();
        holder.subscribe(config -> {
            if (config.version() > 0) {
                throw new IllegalStateException("boom");
            }
        });
        holder.subscribe(config -> heard.add(config.version()));
        assertThat(holder.offer(doc(1))).isEqualTo(Outcome.APPLIED);
        assertThat(heard).containsExactly(0L, 1L);
        assertThat(holder.current().version()).isEqualTo(1);
    }

    @Test
    void warningsOfTheAppliedVersionAreKept() {
        holder.offer(Map.of("version", 1, "polcy", Map.of()));
        assertThat(holder.status().warnings()).containsExactly("polcy: unknown field, ignored");
    }
}
