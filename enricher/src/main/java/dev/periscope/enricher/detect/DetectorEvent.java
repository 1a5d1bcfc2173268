package dev.periscope.enricher.detect;

import java.util.List;
import java.util.Set;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.config.CidrBlock;
import dev.periscope.model.v1.AccessEvent;

/**
 * What every detector needs to know about one event, derived once: the time, the keys (consumer, source address,
 * address + user-agent, endpoint), whether the source is a trusted proxy, and the request's shape. Keys of source
 * addresses are seeded in-memory hashes ({@link Keys#volatileKey}); the raw address is read from the raw event
 * (the identity stage clears the output's copy) and not kept.
 */
public final class DetectorEvent {
    private final EventDraft draft;
    private final long nowMillis;
    private final String consumerHash;
    private final String sourceIp;
    private final boolean trustedProxy;
    private final String normalizedPath;
    private final Set<String> categories;
    private final long endpointKey;
    private long consumerKey;
    private long sourceIpKey;
    private boolean keysDerived;

    public DetectorEvent(EventDraft draft, long nowMillis, List<CidrBlock> trustedProxies) {
        this.draft = draft;
        this.nowMillis = nowMillis;
        AccessEvent raw = draft.raw();
        this.consumerHash = raw.getConsumerHash();
        this.sourceIp = raw.getSourceIp();
        this.trustedProxy = !sourceIp.isEmpty() && isTrusted(sourceIp, trustedProxies);
        String normalized = draft.out().getNormalizedPath();
        this.normalizedPath = normalized.isEmpty() ? raw.getPath() : normalized;
        this.categories = draft.endpointCategories();
        this.endpointKey = Keys.stableKey(raw.getProjectId(), raw.getListenerName(), raw.getProtocol(), raw.getHost(),
                raw.getMethod(), normalizedPath, raw.getGrpcService(), raw.getGrpcMethod());
    }

    private static boolean isTrusted(String ip, List<CidrBlock> trustedProxies) {
        if (trustedProxies.isEmpty()) {
            return false;
        }
        byte[] address = CidrBlock.parseAddress(ip);
        if (address == null) {
            return false;
        }
        for (CidrBlock block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public EventDraft draft() {
        return draft;
    }

    public AccessEvent raw() {
        return draft.raw();
    }

    public long nowMillis() {
        return nowMillis;
    }

    public void flag(String flag) {
        draft.flag(flag);
    }

    public boolean hasConsumer() {
        return !consumerHash.isEmpty();
    }

    /** Key of the consumer identity (the gateway's salted hash); only when {@link #hasConsumer()}. */
    public long consumerKey() {
        deriveKeys();
        return consumerKey;
    }

    /** Several detectors key by the same identities: hash them once per event. */
    private void deriveKeys() {
        if (!keysDerived) {
            consumerKey = Keys.volatileKey("c", consumerHash);
            sourceIpKey = Keys.volatileKey("ip", sourceIp);
            keysDerived = true;
        }
    }

    public boolean hasSourceIp() {
        return !sourceIp.isEmpty();
    }

    /** Whether the source address lies in {@code policy.trusted_proxy_cidrs} (NAT/LB egress). */
    public boolean fromTrustedProxy() {
        return trustedProxy;
    }

    public long sourceIpKey() {
        deriveKeys();
        return sourceIpKey;
    }

    public long sourceIpUserAgentKey() {
        return Keys.volatileKey("ipua", sourceIp, draft.raw().getUserAgent());
    }

    /** The templated path ({@code normalized_path}), the raw path when no path stage ran. */
    public String normalizedPath() {
        return normalizedPath;
    }

    /** Stable (persistable) key of the endpoint: the inventory key's eight fields, FNV-1a. */
    public long endpointKey() {
        return endpointKey;
    }

    public boolean hasCategory(String category) {
        return categories.contains(category);
    }

    public int status() {
        return draft.raw().getStatusCode();
    }

    public boolean isMutating() {
        return switch (draft.raw().getMethod()) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** 401 or 403. */
    public boolean isRefused() {
        int status = status();
        return status == 401 || status == 403;
    }

    /** A 4xx that is not 401 or 429: the request itself was turned down (Generation 2's error/decline rule). */
    public boolean isClientRejection() {
        int status = status();
        return status >= 400 && status < 500 && status != 401 && status != 429;
    }

    public boolean isSuccess() {
        int status = status();
        return status >= 200 && status < 300;
    }

    /** Any credential at all: an auth header, a consumer identity or a client certificate. */
    public boolean isAuthenticated() {
        AccessEvent raw = draft.raw();
        return raw.getAuthObserved() || hasConsumer() || !raw.getTlsPeerSubject().isEmpty();
    }

    public String tag(String key) {
        return draft.out().getTagsOrDefault(key, "");
    }
}
