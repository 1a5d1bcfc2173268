package dev.periscope.inventory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.mongodb.MongoException;

import io.quarkus.runtime.StartupEvent;

/** Creates the indexes at startup; if MongoDB is not there yet, the writer creates them before its first write. */
@ApplicationScoped
public class InventoryIndexInitializer {
    private static final Logger LOG = Logger.getLogger(InventoryIndexInitializer.class);

    private final InventoryRepository repository;

    public InventoryIndexInitializer(InventoryRepository repository) {
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            repository.ensureIndexes();
            LOG.infof("indexes of %s ensured (%s)", InventoryRepository.COLLECTION,
                    String.join(", ", InventoryRepository.INDEXES.keySet()));
        } catch (MongoException e) {
            LOG.warnf("MongoDB not reachable at startup (%s); indexes will be created before the first write",
                    e.getClass().getSimpleName());
        }
    }
}
