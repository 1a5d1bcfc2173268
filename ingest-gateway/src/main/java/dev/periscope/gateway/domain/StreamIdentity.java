package dev.periscope.gateway.domain;

/** Who sends on one ALS stream: parsed from the stream's first message and stamped on every entry of the stream. */
public record StreamIdentity(String listenerName, String projectId, String listenerIp, String logName) {
}
