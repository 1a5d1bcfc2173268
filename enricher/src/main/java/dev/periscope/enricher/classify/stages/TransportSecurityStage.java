package dev.periscope.enricher.classify.stages;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.config.CidrBlock;
import dev.periscope.model.config.Policy;
import dev.periscope.model.v1.AccessEvent;

/**
 * Posture flags about the connection, one event being enough:
 * <ul>
 * <li>{@code missing_hsts}: an HTTP response ({@code status_code} > 0) over TLS ({@code tls_version} set) without a
 * {@code Strict-Transport-Security} header ({@code hsts_present} false);</li>
 * <li>{@code weak_tls_version}: {@code tls_version} below TLS 1.2 (SSLv2, SSLv3, TLSv1, TLSv1.0, TLSv1.1);</li>
 * <li>{@code plain_text_transport}: no TLS at Envoy, the peer is not a trusted TLS-terminating proxy
 * ({@code policy.trusted_tls_proxy_cidrs}), and the host is external (the reference's second generation: plain
 * text inside a cluster is not a finding);</li>
 * <li>{@code legacy_protocol}: {@code protocol} is {@code http/1.0}.</li>
 * </ul>
 * Order: anywhere before {@link ConfirmedStage}.
 */
public final class TransportSecurityStage implements ClassificationStage {
    private static final Set<String> WEAK_TLS = Set.of("sslv2", "sslv3", "tlsv1", "tlsv1.0", "tlsv1.1");
    private final List<CidrBlock> trustedTlsProxies;

    public TransportSecurityStage(Policy policy) {
        this.trustedTlsProxies = policy.trustedTlsProxyCidrs();
    }

    @Override
    public String name() {
        return "transport_security";
    }

    @Override
    public void apply(EventDraft draft) {
        AccessEvent raw = draft.raw();
        String tls = raw.getTlsVersion().strip();
        if (!tls.isEmpty()) {
            if (raw.getStatusCode() > 0 && !raw.getHstsPresent()) {
                draft.flag(Flags.MISSING_HSTS);
            }
            if (tls.length() <= 8 && WEAK_TLS.contains(tls.toLowerCase(Locale.ROOT))) {
                draft.flag(Flags.WEAK_TLS_VERSION);
            }
        } else if (!viaTrustedTlsProxy(raw.getSourceIp())
                && HostNames.classify(raw.getHost()) == HostNames.Kind.EXTERNAL) {
            draft.flag(Flags.PLAIN_TEXT_TRANSPORT);
        }
        if (raw.getProtocol().equals("http/1.0")) {
            draft.flag(Flags.LEGACY_PROTOCOL);
        }
    }

    private boolean viaTrustedTlsProxy(String sourceIp) {
        if (trustedTlsProxies.isEmpty()) {
            return false;
        }
        byte[] address = CidrBlock.parseAddress(sourceIp);
        if (address == null) {
            return false;
        }
        for (CidrBlock proxy : trustedTlsProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
