package dev.periscope.enricher.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.periscope.enricher.service.EventEnricher;
import dev.periscope.enricher.service.PathNormalizer;
import dev.periscope.enricher.service.RawFieldPolicy;
import dev.periscope.model.SaltedHasher;

/** Assembles the plain-Java enrichment core from configuration; the one place it meets CDI. */
@ApplicationScoped
public class EnricherBeans {

    @Produces
    @ApplicationScoped
    EventEnricher eventEnricher(SaltedHasher hasher, EnricherConfig config) {
        // Bootstrap policy for now; the runtime-config poller will supply the live document's policy instead.
        RawFieldPolicy policy = new RawFieldPolicy(config.storeRawIp(), config.storeRawUserAgent());
        return new EventEnricher(hasher, new PathNormalizer(), () -> policy);
    }
}
