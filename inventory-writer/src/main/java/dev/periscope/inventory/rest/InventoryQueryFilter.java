package dev.periscope.inventory.rest;

import static dev.periscope.inventory.mapping.InventoryUpdateMapper.AUTH_INCONSISTENT;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.AUTH_OBSERVED;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.CONFIRMED;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.ENDPOINT_CATEGORIES;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.HOST;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.ID;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.LAST_SEEN;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.MAX_RISK_SCORE;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.METHOD;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.NOAUTH_OBSERVED;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.NORMALIZED_PATH;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.PII_CATEGORIES;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.PROJECT_ID;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.PROTOCOL;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.RISK_FLAGS;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.SEEN_COUNT;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/** Pure translation of an {@link InventoryQuery} to a MongoDB filter and sort (using the seed's indexes). */
public final class InventoryQueryFilter {
    private InventoryQueryFilter() {
    }

    public static Document filter(InventoryQuery q) {
        List<Document> and = new ArrayList<>();
        and.add(new Document(PROJECT_ID, q.project()));
        if (!q.methods().isEmpty()) {
            and.add(new Document(METHOD, q.methods().size() == 1 ? q.methods().get(0)
                    : new Document("$in", q.methods())));
        }
        if (q.protocol() != null) {
            and.add(new Document(PROTOCOL, q.protocol()));
        }
        if (q.riskFlag() != null) {
            Document stored = new Document(RISK_FLAGS, q.riskFlag());
            // auth_inconsistent is derived at read time from the two observation counters.
            and.add(AUTH_INCONSISTENT.equals(q.riskFlag()) ? new Document("$or", List.of(stored, authInconsistent()))
                    : stored);
        }
        if (q.endpointCategory() != null) {
            and.add(new Document(ENDPOINT_CATEGORIES, q.endpointCategory()));
        }
        if (q.piiCategory() != null) {
            and.add(new Document(PII_CATEGORIES, q.piiCategory()));
        }
        if (q.hostPrefix() != null) {
            and.add(new Document(HOST, new Document("$regex", "^" + escapeRegex(q.hostPrefix()))));
        }
        if (q.pathPrefix() != null) {
            and.add(new Document(NORMALIZED_PATH, new Document("$regex", "^" + escapeRegex(q.pathPrefix()))));
        }
        if (q.minRisk() != null) {
            and.add(new Document(MAX_RISK_SCORE, new Document("$gte", q.minRisk())));
        }
        if (q.maxRisk() != null) {
            and.add(new Document(MAX_RISK_SCORE, new Document("$lte", q.maxRisk())));
        }
        if (q.minSeen() != null) {
            and.add(new Document(SEEN_COUNT, new Document("$gte", q.minSeen())));
        }
        if (q.lastSeenFrom() != null) {
            and.add(new Document(LAST_SEEN, new Document("$gte", Date.from(q.lastSeenFrom()))));
        }
        if (q.lastSeenTo() != null) {
            and.add(new Document(LAST_SEEN, new Document("$lte", Date.from(q.lastSeenTo()))));
        }
        if (q.confirmed() != null) {
            // confirmed:false also matches documents written before the field existed
            and.add(q.confirmed() ? new Document(CONFIRMED, true) : new Document(CONFIRMED, new Document("$ne", true)));
        }
        return and.size() == 1 ? and.get(0) : new Document("$and", and);
    }

    public static Document authInconsistent() {
        return new Document(AUTH_OBSERVED, new Document("$gt", 0)).append(NOAUTH_OBSERVED, new Document("$gt", 0));
    }

    public static Document sort(InventoryQuery q) {
        int direction = q.ascending() ? 1 : -1;
        return new Document(q.sort().field(), direction).append(ID, 1);
    }

    /** Escapes every regex metacharacter, so a prefix is matched literally. */
    static String escapeRegex(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
