package dev.periscope.eventwriter.writer;

import dev.periscope.model.v1.AccessEvent;

/** One row of api_events_raw: the event and how many events it stands for (raw sampling). */
public record RawRow(AccessEvent event, int sampleWeight) {
    public static RawRow unsampled(AccessEvent event) {
        return new RawRow(event, 1);
    }
}
