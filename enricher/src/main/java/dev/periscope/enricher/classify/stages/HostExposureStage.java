package dev.periscope.enricher.classify.stages;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;

/**
 * {@code internal_host} or {@code external_host} from the request's host (the TLS SNI when the host is empty);
 * rules in {@link HostNames}: private, loopback, link-local and CGNAT addresses, {@code localhost}, single-label
 * names and {@code *.internal}, {@code *.local}, {@code *.svc}, {@code *.cluster.local} (and a few LAN suffixes)
 * are internal, any other name or address is external, no host at all raises neither.
 * <p>
 * Order: anywhere.
 */
public final class HostExposureStage implements ClassificationStage {

    @Override
    public String name() {
        return "host_exposure";
    }

    @Override
    public void apply(EventDraft draft) {
        String host = draft.raw().getHost();
        if (host.isBlank()) {
            host = draft.raw().getTlsSni();
        }
        switch (HostNames.classify(host)) {
            case INTERNAL -> draft.flag(Flags.INTERNAL_HOST);
            case EXTERNAL -> draft.flag(Flags.EXTERNAL_HOST);
            case UNKNOWN -> {
                // no host: neither
            }
        }
    }
}
