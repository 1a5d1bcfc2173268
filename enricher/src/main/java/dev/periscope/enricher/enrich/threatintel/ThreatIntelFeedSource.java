package dev.periscope.enricher.enrich.threatintel;

import java.util.List;
import java.util.Map;

/** Where feeds are stored (MongoDB in the service, a map in tests). */
public interface ThreatIntelFeedSource {

    /**
     * Every stored feed's name and version — an opaque string that changes whenever the feed changes; null when
     * the store cannot tell (such a feed is re-read at every poll). Cheap: no entries are read.
     */
    Map<String, String> versions();

    /** The entries of each stored part of {@code feed}, in part order (String, list of strings, or null). */
    List<Object> entries(String feed);
}
