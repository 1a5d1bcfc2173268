package dev.periscope.readiness.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.periscope.readiness.service.InstanceRegistry;

/** Wires the plain-Java core. */
@ApplicationScoped
public class ReadinessProducers {

    @Produces
    @Singleton
    InstanceRegistry instanceRegistry() {
        return new InstanceRegistry(Clock.systemUTC());
    }
}
