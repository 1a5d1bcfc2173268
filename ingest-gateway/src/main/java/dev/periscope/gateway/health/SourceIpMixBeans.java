package dev.periscope.gateway.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link SourceIpMix} of the gateway: the ingest filter records into it, {@link GatewayFacts} reads it. */
@ApplicationScoped
public class SourceIpMixBeans {
    /** Long enough to smooth a burst from one client, short enough to show a configuration change within minutes. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int SLICES = 10;

    @Produces
    @Singleton
    SourceIpMix sourceIpMix() {
        return new SourceIpMix(System::currentTimeMillis, WINDOW, SLICES);
    }
}
