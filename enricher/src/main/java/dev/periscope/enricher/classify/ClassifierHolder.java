package dev.periscope.enricher.classify;

import java.util.Objects;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.model.config.RuntimeConfig;

/**
 * The {@link Classifier} of the active runtime config. A new config version builds a whole new pipeline, swapped in
 * with one volatile write; an event in flight finishes on the pipeline it started with. A pipeline that fails to
 * build keeps the last good one (the config itself was already validated, so this is a bug, logged loudly).
 */
public final class ClassifierHolder {
    private static final Logger LOG = Logger.getLogger(ClassifierHolder.class);

    private final Function<RuntimeConfig, Classifier> factory;
    private volatile Classifier current;
    private volatile long version;

    public ClassifierHolder(RuntimeConfigHolder configs, Function<RuntimeConfig, Classifier> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        RuntimeConfig initial = configs.current();
        this.current = factory.apply(initial);
        this.version = initial.version();
        configs.subscribe(this::rebuild);
    }

    public Classifier current() {
        return current;
    }

    /** The runtime-config version the current pipeline was built from. */
    public long version() {
        return version;
    }

    private void rebuild(RuntimeConfig config) {
        try {
            current = factory.apply(config);
            version = config.version();
        } catch (RuntimeException e) {
            LOG.errorf(e, "classification pipeline for runtime config v%d failed to build; keeping v%d",
                    config.version(), version);
        }
    }
}
