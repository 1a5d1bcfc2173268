package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.enricher.classify.EventDraft;

class HostExposureStageTest {

    @ParameterizedTest(name = "host={0} sni={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "api.example.com             | ''               | external_host",
        "API.Example.com:443         | ''               | external_host",
        "203.0.113.7                 | ''               | external_host",
        "8.8.8.8:80                  | ''               | external_host",
        "[2001:4860:4860::8888]:443  | ''               | external_host",
        "api.example.com.            | ''               | external_host",
        "localhost                   | ''               | internal_host",
        "localhost:8080              | ''               | internal_host",
        "app.localhost               | ''               | internal_host",
        "10.1.2.3                    | ''               | internal_host",
        "172.16.0.1:8443             | ''               | internal_host",
        "172.32.0.1                  | ''               | external_host",
        "192.168.1.10                | ''               | internal_host",
        "127.0.0.1:9000              | ''               | internal_host",
        "169.254.169.254             | ''               | internal_host",
        "100.64.0.1                  | ''               | internal_host",
        "[::1]:8080                  | ''               | internal_host",
        "[fd00::1]                   | ''               | internal_host",
        "orders                      | ''               | internal_host",
        "orders:8080                 | ''               | internal_host",
        "orders.shop.svc             | ''               | internal_host",
        "orders.shop.svc.cluster.local | ''             | internal_host",
        "db.corp.internal            | ''               | internal_host",
        "printer.local               | ''               | internal_host",
        "internal.example.com        | ''               | external_host",
        "svc.example.com             | ''               | external_host",
        "''                          | api.example.com  | external_host",
        "''                          | db.corp.internal | internal_host",
        "''                          | ''               | ''",
    })
    void internalOrExternal(String host, String sni, String expected) {
        EventDraft draft = Events.draft(Events.bare().setHost(host).setTlsSni(sni), new HostExposureStage());

        if (expected.isEmpty()) {
            assertThat(draft.flags()).isEmpty();
        } else {
            assertThat(draft.flags()).containsExactly(expected);
        }
    }
}
