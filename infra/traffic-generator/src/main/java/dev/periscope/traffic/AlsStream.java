package dev.periscope.traffic;

import java.util.List;

import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

/**
 * What one Envoy worker sends on one ALS stream: the first message carries the identifier (node id, log name) and,
 * as Envoy does, already a first batch of entries; later messages carry entries only.
 */
public record AlsStream(String nodeId, String logName, List<StreamAccessLogsMessage> messages) {
    public AlsStream {
        messages = List.copyOf(messages);
    }

    /** Entries (HTTP and TCP) over all messages of this stream. */
    public int entryCount() {
        int count = 0;
        for (StreamAccessLogsMessage message : messages) {
            count += message.getHttpLogs().getLogEntryCount() + message.getTcpLogs().getLogEntryCount();
        }
        return count;
    }
}
