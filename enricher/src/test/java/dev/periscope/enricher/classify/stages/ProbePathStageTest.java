package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.periscope.enricher.classify.EventDraft;

class ProbePathStageTest {
    private final ProbePathStage stage = new ProbePathStage();

    @ParameterizedTest(name = "{0} -> probe={1} keyword={2}")
    @CsvSource(delimiter = '|', value = {
        "/.env                          | true  | false",
        "/.env.production               | true  | false",
        "/app/.env                      | true  | false",
        "/.git/config                   | true  | false",
        "/.git/HEAD                     | true  | false",
        "/.aws/credentials              | true  | true",
        "/wp-login.php                  | true  | false",
        "/blog/wp-admin/setup-config.php| true  | false",
        "/xmlrpc.php                    | true  | false",
        "/wp-config.php.bak             | true  | true",
        "/phpmyadmin/index.php          | true  | false",
        "/phpMyAdmin/                   | true  | false",
        "/actuator/env                  | true  | false",
        "/actuator/heapdump             | true  | false",
        "/cgi-bin/luci                  | true  | false",
        "/server-status                 | true  | false",
        "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php | true | false",
        "/static/../../etc/passwd       | true  | true",
        "/files/%2e%2e/secret           | true  | true",
        "/HNAP1/                        | true  | false",
        "/api/export                    | false | true",
        "/db.sql                        | false | true",
        "/config.old                    | false | true",
        "/debug/pprof                   | false | true",
        "/internal/jobs                 | false | true",
        "/backup/2024-01-01.tar.gz      | false | true",
        // false positives
        "/environment                   | false | false",
        "/api/v1/envelopes              | false | false",
        "/digital/.envy                 | false | false",
        "/github/commits                | false | false",
        "/actuator/health               | false | false",
        "/exporter/metrics              | false | false",
        "/golden/items                  | false | false",
        "/users/42/orders               | false | false",
        "/wp-login.php.html.docs        | false | false",
        "/a/b..c                        | false | false",
        "''                             | false | false",
    })
    void probeAndKeywordFlags(String path, boolean probe, boolean keyword) {
        EventDraft draft = Events.draft(Events.bare().setPath(path), stage);

        assertThat(draft.hasFlag("vuln_probe_path")).isEqualTo(probe);
        assertThat(draft.hasFlag("sensitive_path_keyword")).isEqualTo(keyword);
    }

    @ParameterizedTest
    @ValueSource(strings = {".env.", "/..", "a", "wp-config.php.", "/.git", "-", "actuator/", "%2e"})
    void tenKilobyteHostilePathsFinishInBoundedTime(String unit) {
        String hostile = "/" + Events.repeat(unit, 10 * 1024);

        assertTimeoutPreemptively(Duration.ofMillis(500), () -> Events.draft(Events.bare().setPath(hostile), stage));
    }
}
