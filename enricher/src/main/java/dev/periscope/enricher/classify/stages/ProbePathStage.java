package dev.periscope.enricher.classify.stages;

import java.util.List;
import java.util.Set;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;

/**
 * Flags from what the raw path asks for (lower-cased, capped at {@link ClassifiedPath#MAX_CHARS}, cut by
 * {@link PathWords}):
 * <ul>
 * <li>{@code vuln_probe_path}: a whole segment (or two consecutive ones) that exploit kits and scanners request —
 * secrets and VCS metadata ({@code /.env}, {@code /.env.production}, {@code /.git/config}, {@code /.svn},
 * {@code /.aws/credentials}, {@code /.ssh}, {@code /.htpasswd}, {@code /.ds_store}), WordPress and PHP
 * ({@code /wp-login.php}, {@code /wp-admin}, {@code /xmlrpc.php}, {@code /wp-config.php.bak}, {@code /phpmyadmin},
 * {@code /pma}, {@code /phpinfo.php}, {@code /vendor/phpunit}, {@code /eval-stdin.php}, {@code /_ignition}),
 * server internals ({@code /cgi-bin/}, {@code /server-status}, {@code /actuator/env}, {@code /actuator/heapdump}
 * and other sensitive actuator endpoints, {@code /jmx-console}, {@code /manager/html}, {@code /hnap1},
 * {@code /boaform}), OS files ({@code /etc/passwd}, {@code win.ini}), and a {@code ..} traversal segment (also
 * {@code %2e%2e});</li>
 * <li>{@code sensitive_path_keyword}: a word of the path (letters and digits between other characters) among
 * backup(s), bak, dump(s), export(s), debug, secret(s), credential(s), private, internal, passwd, sql, old, orig,
 * swp ({@code /api/export}, {@code /db.sql}, {@code /config.old}); never inside a word ({@code /exporter},
 * {@code /golden}).</li>
 * </ul>
 * Linear: one pass to cut the path, then hash lookups.
 * <p>
 * Order: before {@link ConfirmedStage} (which reads {@code vuln_probe_path}).
 */
public final class ProbePathStage implements ClassificationStage {
    private static final Set<String> PROBE_SEGMENTS = Set.of(".env", ".git", ".gitconfig", ".git-credentials",
            ".svn", ".hg", ".aws", ".ssh", ".docker", ".npmrc", ".htaccess", ".htpasswd", ".ds_store",
            ".bash_history", "wp-login.php", "wp-admin", "wp-includes", "xmlrpc.php", "wp-config.php", "phpmyadmin",
            "pma", "myadmin", "phpinfo.php", "eval-stdin.php", "_ignition", "cgi-bin", "server-status",
            "server-info", "jmx-console", "web-console", "hnap1", "boaform", "win.ini", "boot.ini", "..", "%2e%2e",
            "..;");
    private static final Set<String> PROBE_SEGMENT_PAIRS = Set.of("vendor/phpunit", "manager/html", "etc/passwd",
            "etc/shadow", "actuator/env", "actuator/heapdump", "actuator/threaddump", "actuator/jolokia",
            "actuator/logfile", "actuator/configprops", "actuator/gateway", "actuator/mappings",
            "actuator/httptrace", "actuator/trace");
    private static final Set<String> SENSITIVE_WORDS = Set.of("backup", "backups", "bak", "dump", "dumps",
            "export", "exports", "debug", "secret", "secrets", "credential", "credentials", "private", "internal",
            "passwd", "sql", "old", "orig", "swp");

    @Override
    public String name() {
        return "probe_path";
    }

    @Override
    public void apply(EventDraft draft) {
        String path = ClassifiedPath.raw(draft);
        if (path.isEmpty()) {
            return;
        }
        PathWords parts = PathWords.of(path);
        if (isProbe(parts.segments())) {
            draft.flag(Flags.VULN_PROBE_PATH);
        }
        for (String word : parts.words()) {
            if (SENSITIVE_WORDS.contains(word)) {
                draft.flag(Flags.SENSITIVE_PATH_KEYWORD);
                break;
            }
        }
    }

    private static boolean isProbe(List<String> segments) {
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (PROBE_SEGMENTS.contains(segment)
                    || (segment.startsWith(".env.") && segment.length() > 5)
                    || (segment.startsWith("wp-config.php.") && segment.length() > 14)
                    || (i + 1 < segments.size() && PROBE_SEGMENT_PAIRS.contains(segment + "/" + segments.get(i + 1)))) {
                return true;
            }
        }
        return false;
    }
}
