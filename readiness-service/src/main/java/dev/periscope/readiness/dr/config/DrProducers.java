package dev.periscope.readiness.dr.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.periscope.readiness.backup.BackupCatalogRepository;
import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.backup.BackupWriter;
import dev.periscope.readiness.backup.MongoBackupSource;
import dev.periscope.readiness.dr.BackupSchedule;
import dev.periscope.readiness.drill.DrillRepository;
import dev.periscope.readiness.drill.DrillService;
import dev.periscope.readiness.drill.MongoBackupRestoreDrill;
import dev.periscope.readiness.kafka.KafkaDrReader;

/** Wires the plain-Java DR core: backups, drills and the Kafka reader. */
@ApplicationScoped
public class DrProducers {

    @Produces
    @Singleton
    BackupService backupService(MongoClient mongo, BackupConfig config) {
        MongoDatabase database = mongo.getDatabase(config.database());
        Path root = Path.of(config.dir());
        BackupSchedule schedule = new BackupSchedule(BackupSchedule.parseTiers(config.tiers()),
                config.manualRetention(), config.drillRetention());
        return new BackupService(new BackupWriter(new MongoBackupSource(database), root, config.gzip()),
                new BackupCatalogRepository(database.getCollection(BackupCatalogRepository.COLLECTION)), schedule,
                config.collections(), root, Clock.systemUTC());
    }

    @Produces
    @Singleton
    DrillService drillService(MongoClient mongo, BackupService backups, BackupConfig backupConfig,
            DrillConfig config) {
        MongoDatabase database = mongo.getDatabase(backupConfig.database());
        MongoBackupRestoreDrill drill = new MongoBackupRestoreDrill(backups, mongo, config.scratchPrefix(),
                Clock.systemUTC());
        return new DrillService(drill, new DrillRepository(database.getCollection(DrillRepository.COLLECTION)),
                backups, Clock.systemUTC());
    }

    @Produces
    @Singleton
    KafkaDrReader kafkaDrReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            DrConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "readiness-dr");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) config.kafka().timeout().toMillis());
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafka().timeout().toMillis());
        DrConfig.Kafka kafka = config.kafka();
        return new KafkaDrReader(props, Pattern.compile(kafka.groups()),
                Pattern.compile(kafka.excludeGroups().orElse("(?!)")), Pattern.compile(kafka.topics()),
                kafka.timeout());
    }

    void closeKafkaDrReader(@Disposes KafkaDrReader reader) {
        reader.close();
    }
}
