package dev.periscope.readiness.drill;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import dev.periscope.readiness.dr.DrillRecord;

/** Drill results, collection {@value #COLLECTION}, keyed by run id. */
public class DrillRepository {
    public static final String COLLECTION = "readiness_drills";

    private final MongoCollection<Document> collection;

    public DrillRepository(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    public void save(DrillRecord drill) {
        collection.replaceOne(Filters.eq("_id", drill.id()), toDocument(drill), new ReplaceOptions().upsert(true));
    }

    /** Newest first, at most {@code limit}. */
    public List<DrillRecord> list(int limit) {
        return find(new Document(), limit);
    }

    public Optional<DrillRecord> find(String id) {
        return find(Filters.eq("_id", id), 1).stream().findFirst();
    }

    public Optional<DrillRecord> lastPassed() {
        return find(Filters.eq("passed", true), 1).stream().findFirst();
    }

    private List<DrillRecord> find(Bson filter, int limit) {
        List<DrillRecord> drills = new ArrayList<>();
        for (Document d : collection.find(filter).sort(Sorts.descending("finished_at")).limit(limit)) {
            drills.add(fromDocument(d));
        }
        return drills;
    }

    static Document toDocument(DrillRecord d) {
        List<Document> checks = d.checks().stream().map(c -> new Document("name", c.name()).append("ok", c.ok())
                .append("detail", c.detail())).toList();
        return new Document("_id", d.id())
                .append("drill", d.drill())
                .append("started_at", Date.from(d.startedAt()))
                .append("finished_at", Date.from(d.finishedAt()))
                .append("passed", d.passed())
                .append("backup_id", d.backupId())
                .append("scratch_database", d.scratchDatabase())
                .append("checks", checks)
                .append("error", d.error());
    }

    static DrillRecord fromDocument(Document d) {
        List<DrillRecord.DrillCheck> checks = d.getList("checks", Document.class, List.of()).stream()
                .map(c -> new DrillRecord.DrillCheck(c.getString("name"), c.getBoolean("ok", false),
                        c.getString("detail"))).toList();
        return new DrillRecord(d.getString("_id"), d.getString("drill"), d.getDate("started_at").toInstant(),
                d.getDate("finished_at").toInstant(), d.getBoolean("passed", false), d.getString("backup_id"),
                d.getString("scratch_database"), checks, d.getString("error"));
    }
}
