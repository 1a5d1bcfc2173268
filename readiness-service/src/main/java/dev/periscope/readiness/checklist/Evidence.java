package dev.periscope.readiness.checklist;

import java.time.Instant;

/**
 * What one evaluation found: the subject is an instance ({@code service/instance_id}), a service, or {@code fleet};
 * {@code since} is when this subject's status last changed.
 */
public record Evidence(String subject, ItemStatus status, String message, Instant since) {
    Evidence withSince(Instant since) {
        return new Evidence(subject, status, message, since);
    }
}
