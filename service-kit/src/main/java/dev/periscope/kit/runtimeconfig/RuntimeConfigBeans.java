package dev.periscope.kit.runtimeconfig;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;

import dev.periscope.kit.config.KitConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Wires the runtime configuration of every service: one {@link RuntimeConfigHolder}, and a
 * {@link RuntimeConfigPoller} on the shared MongoDB client started at startup and stopped at shutdown.
 * Deliberately no {@code BackendProbe}: runtime config is optional, a missing MongoDB never makes a service
 * not-ready; it shows in {@code runtime_config.*} facts, the failure counter and {@code /configz}.
 */
@ApplicationScoped
public class RuntimeConfigBeans {
    private static final Logger LOG = Logger.getLogger(RuntimeConfigBeans.class);

    /** Server-side budget of one read; the driver's timeouts bound the connection itself. */
    private static final Duration READ_MAX_TIME = Duration.ofSeconds(10);

    private RuntimeConfigPoller poller;

    @Produces
    @Singleton
    RuntimeConfigHolder runtimeConfigHolder() {
        return new RuntimeConfigHolder();
    }

    /**
     * Runs before the application's own startup observers, so the stored document is active before anything
     * (health reports, the ALS server's consumers) starts using the config, and the bounded wait never delays
     * them mid-way.
     */
    synchronized void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            RuntimeConfigHolder holder, KitConfig config, MeterRegistry registry, MongoClient mongo) {
        KitConfig.RuntimeConfigSettings settings = config.runtimeConfig();
        if (!settings.enabled()) {
            LOG.info("runtime config: polling disabled, built-in defaults (version 0) stay active");
            return;
        }
        RuntimeConfigSource source = new MongoRuntimeConfigSource(() -> mongo, settings.database(),
                settings.collection(), READ_MAX_TIME);
        poller = new RuntimeConfigPoller(source, holder, registry);
        LOG.infof("runtime config: reading %s every %s", source.describe(), settings.pollInterval());
        poller.start(settings.pollInterval(), settings.startupWait());
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.close();
            poller = null;
        }
    }
}
