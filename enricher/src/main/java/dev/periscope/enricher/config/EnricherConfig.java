package dev.periscope.enricher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Bootstrap settings of the enricher (env {@code PERISCOPE_ENRICHER_*}). */
@ConfigMapping(prefix = "periscope.enricher")
public interface EnricherConfig {

    /**
     * Keep the raw downstream IP on enriched events. Off by default: the enriched topic is the public contract and
     * carries only the salted hash. The runtime {@code store_raw_ip} policy replaces this later.
     */
    @WithName("store-raw-ip")
    @WithDefault("false")
    boolean storeRawIp();

    /** Keep the raw user-agent on enriched events; off by default (runtime {@code store_raw_user_agent} later). */
    @WithName("store-raw-user-agent")
    @WithDefault("false")
    boolean storeRawUserAgent();
}
