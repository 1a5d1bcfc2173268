package dev.periscope.enricher.classify.stages;

import java.util.Objects;
import java.util.Optional;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.SaltedHasher;
import dev.periscope.model.config.Policy;
import dev.periscope.model.v1.AccessEvent;

/**
 * Privacy of the client identity: {@code source_ip_hash} and {@code user_agent_hash} are the salted hashes of the
 * raw values (only when {@code hash_source_ip} / {@code hash_user_agent} are on; otherwise no hash at all), plus
 * {@code *_hash_previous} during a {@code HASH_SALT} rotation's overlap window and {@code hash_key_id}; the raw
 * {@code source_ip} / {@code user_agent} are cleared unless {@code store_raw_source_ip} /
 * {@code store_raw_user_agent}. The consumer identity arrives hashed from the gateway; this stage only counts
 * identified vs anonymous events, and events whose gateway key id differs from ours.
 * <p>
 * Order: anywhere; later stages read the user agent and source address from {@link EventDraft#raw()}, which this
 * stage never touches.
 */
public final class IdentityStage implements ClassificationStage {
    private final boolean hashSourceIp;
    private final boolean hashUserAgent;
    private final boolean storeRawSourceIp;
    private final boolean storeRawUserAgent;
    private final RotatingHasher hasher;
    private final IdentityCounters counters;

    public IdentityStage(Policy policy, RotatingHasher hasher, IdentityCounters counters) {
        this.hashSourceIp = policy.hashSourceIp();
        this.hashUserAgent = policy.hashUserAgent();
        this.storeRawSourceIp = policy.storeRawSourceIp();
        this.storeRawUserAgent = policy.storeRawUserAgent();
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public void apply(EventDraft draft) {
        AccessEvent raw = draft.raw();
        AccessEvent.Builder out = draft.out();
        Optional<SaltedHasher> previous = hasher.activePrevious();
        out.clearSourceIpHash().clearSourceIpHashPrevious().clearUserAgentHash().clearUserAgentHashPrevious();
        if (hashSourceIp) {
            out.setSourceIpHash(hasher.hash(raw.getSourceIp()));
            previous.ifPresent(old -> out.setSourceIpHashPrevious(old.hash(raw.getSourceIp())));
        }
        if (hashUserAgent) {
            out.setUserAgentHash(hasher.hash(raw.getUserAgent()));
            previous.ifPresent(old -> out.setUserAgentHashPrevious(old.hash(raw.getUserAgent())));
        }
        if (!storeRawSourceIp) {
            out.clearSourceIp();
        }
        if (!storeRawUserAgent) {
            out.clearUserAgent();
        }
        if (!raw.getHashKeyId().isEmpty() && !raw.getHashKeyId().equals(hasher.keyId())) {
            counters.keyIdMismatch();
        }
        out.setHashKeyId(hasher.keyId());
        if (raw.getConsumerHash().isEmpty()) {
            counters.anonymous();
        } else {
            counters.identified();
        }
    }
}
