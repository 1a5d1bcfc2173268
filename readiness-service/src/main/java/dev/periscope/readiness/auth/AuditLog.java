package dev.periscope.readiness.auth;

/** Where drill runs and admin actions are recorded; must not block the caller. */
public interface AuditLog {
    void record(AuditRecord record);
}
