package dev.periscope.readiness.auth;

import java.time.Instant;

/**
 * One drill run or admin action: who (the token id, never the token; {@code anonymous} when none was accepted),
 * what ({@code POST /api/drills/mongo-backup-restore}), when, the outcome (the HTTP status answered, and
 * {@code allowed}/{@code refused}) and from which client address.
 */
public record AuditRecord(String who, String what, Instant when, int status, String outcome, String address) {

    public static AuditRecord of(String who, String method, String path, Instant when, int status, String address) {
        return new AuditRecord(who, method + " " + path, when, status, status < 400 ? "allowed" : "refused", address);
    }
}
