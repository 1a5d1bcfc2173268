package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path → scope table of README "Auth". */
class AccessPolicyTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,     /,                                  public",
            "GET,     /static/dashboard.js,               public",
            "HEAD,    /static/dashboard.css,              public",
            "GET,     /favicon.ico,                       public",
            "POST,    /,                                  admin",
            "POST,    /static/dashboard.js,               admin",
            "GET,     /api/checklist,                     readiness:read",
            "GET,     /api/checklist/stream,              readiness:read",
            "GET,     /api/dr,                            readiness:read",
            "GET,     /api/backups,                       readiness:read",
            "GET,     /api/drills/42,                     readiness:read",
            "HEAD,    /api/instances,                     readiness:read",
            "OPTIONS, /api/instances,                     readiness:read",
            "GET,     /dashboard/checklist,               readiness:read",
            "GET,     /q/openapi,                         readiness:read",
            "GET,     /anything-else,                     readiness:read",
            "POST,    /api/drills,                        drills:run",
            "POST,    /api/drills/mongo-backup-restore,   drills:run",
            "POST,    /api/drills/mongo-backup-restore/,  drills:run",
            "post,    /api/backups,                       drills:run",
            "POST,    /api/backups/,                      drills:run",
            "POST,    /api/backups/b1/restore,            admin",
            "POST,    /api/drillsx,                       admin",
            "POST,    /api/checklist/rules/reload,        admin",
            "PUT,     /api/drills/mongo-backup-restore,   admin",
            "DELETE,  /api/backups,                       admin",
            "PATCH,   /api/instances,                     admin",
    })
    void eachRequestNeedsTheScopeOfTheTable(String method, String path, String expected) {
        String required = AccessPolicy.required(method, path).map(AuthScope::scopeName).orElse("public");
        assertThat(required).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"READ, false", "DRILLS, true", "ADMIN, true"})
    void drillRunsAndAdminActionsAreAudited(AuthScope scope, boolean audited) {
        assertThat(AccessPolicy.audited(scope)).isEqualTo(audited);
    }
}
