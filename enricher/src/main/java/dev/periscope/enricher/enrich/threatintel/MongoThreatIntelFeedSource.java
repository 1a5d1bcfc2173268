package dev.periscope.enricher.enrich.threatintel;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * Feeds in a MongoDB collection (default {@code threat_intel_feeds}), one document per feed:
 * {@code {_id: "<feed name>", entries: "<lines>" | ["<line>", …], updated_at: <date>}}. A feed too large for one
 * document (16 MB: about 800,000 CIDR lines) is split into parts that name their feed:
 * {@code {_id: "<feed>#<n>", feed: "<feed>", entries: …, updated_at: …}}; parts are read in {@code _id} order.
 * The version of a feed is its parts' ids and {@code updated_at} values: writers must bump {@code updated_at}
 * when they change {@code entries} (a feed without it is re-read at every poll).
 */
public final class MongoThreatIntelFeedSource implements ThreatIntelFeedSource {
    public static final String DEFAULT_COLLECTION = "threat_intel_feeds";
    static final String FEED = "feed";
    static final String ENTRIES = "entries";
    static final String UPDATED_AT = "updated_at";

    private final MongoCollection<Document> collection;

    public MongoThreatIntelFeedSource(MongoCollection<Document> collection) {
        this.collection = Objects.requireNonNull(collection, "collection");
    }

    @Override
    public Map<String, String> versions() {
        Map<String, TreeMap<String, Object>> parts = new HashMap<>();
        for (Document doc : collection.find().projection(Projections.include("_id", FEED, UPDATED_AT))) {
            String id = String.valueOf(doc.get("_id"));
            parts.computeIfAbsent(feedName(doc), name -> new TreeMap<>()).put(id, doc.get(UPDATED_AT));
        }
        Map<String, String> versions = new HashMap<>();
        parts.forEach((name, byId) -> {
            StringBuilder version = new StringBuilder();
            boolean known = true;
            for (Map.Entry<String, Object> part : byId.entrySet()) {
                if (!(part.getValue() instanceof Date updated)) {
                    known = false;
                    break;
                }
                version.append(part.getKey()).append('@').append(updated.getTime()).append(';');
            }
            versions.put(name, known ? version.toString() : null);
        });
        return versions;
    }

    @Override
    public List<Object> entries(String feed) {
        List<Object> out = new ArrayList<>();
        for (Document doc : collection.find(Filters.or(Filters.eq(FEED, feed),
                Filters.and(Filters.eq("_id", feed), Filters.exists(FEED, false)))).sort(Sorts.ascending("_id"))) {
            out.add(doc.get(ENTRIES));
        }
        return out;
    }

    private static String feedName(Document doc) {
        Object feed = doc.get(FEED);
        return feed instanceof String name ? name : String.valueOf(doc.get("_id"));
    }
}
