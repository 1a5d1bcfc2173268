package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.config.Policy;

class TransportSecurityStageTest {

    @ParameterizedTest(name = "{0} {1} tls={2} hsts={3} host={4} status={5} -> [{6}]")
    @CsvSource(delimiter = '|', value = {
        "http/1.1 | 203.0.113.7 | TLSv1.3 | true  | api.example.com    | 200 | ''",
        "http/2   | 203.0.113.7 | TLSv1.2 | false | api.example.com    | 200 | missing_hsts",
        "http/1.1 | 203.0.113.7 | TLSv1.2 | false | api.example.com    | 0   | ''",
        "http/1.1 | 203.0.113.7 | TLSv1.1 | true  | api.example.com    | 200 | weak_tls_version",
        "http/1.1 | 203.0.113.7 | TLSv1   | false | api.example.com    | 200 | missing_hsts weak_tls_version",
        "tcp      | 203.0.113.7 | SSLv3   | false | ''                 | 0   | weak_tls_version",
        "http/1.1 | 203.0.113.7 | ''      | false | api.example.com    | 200 | plain_text_transport",
        "http/1.1 | 203.0.113.7 | ''      | false | 198.51.100.4:8080  | 200 | plain_text_transport",
        "http/1.1 | 203.0.113.7 | ''      | false | orders.shop.svc    | 200 | ''",
        "http/1.1 | 203.0.113.7 | ''      | false | localhost:8080     | 200 | ''",
        "http/1.1 | 203.0.113.7 | ''      | false | 10.1.2.3           | 200 | ''",
        "http/1.1 | 203.0.113.7 | ''      | false | ''                 | 200 | ''",
        "http/1.0 | 203.0.113.7 | ''      | false | api.example.com    | 200 | plain_text_transport legacy_protocol",
        "http/1.0 | 203.0.113.7 | TLSv1.3 | true  | api.example.com    | 200 | legacy_protocol",
    })
    void flagsFromOneEvent(String protocol, String sourceIp, String tls, boolean hsts, String host, int status,
            String expected) {
        EventDraft draft = Events.draft(Events.bare().setProtocol(protocol).setSourceIp(sourceIp).setTlsVersion(tls)
                .setHstsPresent(hsts).setHost(host).setStatusCode(status), new TransportSecurityStage(Policy.defaults()));

        assertThat(draft.flags()).containsExactlyInAnyOrderElementsOf(words(expected));
    }

    @Test
    void aTrustedTlsProxyInFrontIsNotPlainText() {
        TransportSecurityStage stage = new TransportSecurityStage(Events.trustedTlsProxies("10.0.0.0/8", "2001:db8::/32"));

        EventDraft viaProxy = Events.draft(Events.bare().setSourceIp("10.9.8.7").setHost("api.example.com")
                .setStatusCode(200), stage);
        EventDraft viaV6Proxy = Events.draft(Events.bare().setSourceIp("2001:db8::5").setHost("api.example.com")
                .setStatusCode(200), stage);
        EventDraft direct = Events.draft(Events.bare().setSourceIp("203.0.113.7").setHost("api.example.com")
                .setStatusCode(200), stage);

        assertThat(viaProxy.flags()).isEmpty();
        assertThat(viaV6Proxy.flags()).isEmpty();
        assertThat(direct.flags()).containsExactly("plain_text_transport");
    }

    private static List<String> words(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.strip().split("\\s+"));
    }
}
