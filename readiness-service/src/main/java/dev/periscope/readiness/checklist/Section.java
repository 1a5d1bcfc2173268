package dev.periscope.readiness.checklist;

import java.util.Arrays;
import java.util.Optional;

/** The checklist sections, in the order the go-live checklist reads them. */
public enum Section {
    SECURITY("security", "Security & access"),
    HA("ha", "HA & durability"),
    OBSERVABILITY("observability", "Observability"),
    EDGE("edge", "Edge correctness"),
    PIPELINE("pipeline", "Pipeline health");

    private final String slug;
    private final String title;

    Section(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public static Optional<Section> bySlug(String slug) {
        return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst();
    }
}
