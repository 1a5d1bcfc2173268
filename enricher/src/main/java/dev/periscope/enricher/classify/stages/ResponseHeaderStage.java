package dev.periscope.enricher.classify.stages;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.v1.AccessEvent;

/**
 * Posture flags from the response's security headers, as the gateway reduced them (presence bits, the CORS origin
 * kind, the server's product tokens):
 * <ul>
 * <li>{@code missing_x_content_type_options}: a response with a body (2xx except 204, or 4xx/5xx) and a content
 * type, other than gRPC, without {@code X-Content-Type-Options} — sniffing matters for anything a browser may
 * load;</li>
 * <li>{@code missing_x_frame_options}: an HTML response with a body without {@code X-Frame-Options} or a CSP
 * {@code frame-ancestors} (only a document can be framed);</li>
 * <li>{@code missing_csp}: an HTML response with a body without {@code Content-Security-Policy} (a policy only
 * governs documents; JSON APIs are not flagged);</li>
 * <li>{@code permissive_cors}: {@code Access-Control-Allow-Origin: null}, or {@code *} together with
 * {@code Access-Control-Allow-Credentials: true};</li>
 * <li>{@code version_disclosure}: {@code server_software} carries a version ({@code nginx/1.25.3},
 * {@code Apache/2.4.57 (Ubuntu)}, {@code PHP 8.1.2}), not a bare product name ({@code envoy}, {@code nginx}).</li>
 * </ul>
 * The gateway fields are read as given: an absent header is {@code false} / empty.
 * <p>
 * Order: anywhere.
 */
public final class ResponseHeaderStage implements ClassificationStage {
    /** Characters of {@code server_software} looked at (the gateway keeps 64). */
    private static final int MAX_SERVER_CHARS = 256;

    @Override
    public String name() {
        return "response_headers";
    }

    @Override
    public void apply(EventDraft draft) {
        AccessEvent raw = draft.raw();
        String contentType = raw.getContentType();
        if (hasBody(raw.getStatusCode()) && !contentType.isBlank()) {
            if (!raw.getXctoPresent() && !StaticContent.isGrpc(contentType)) {
                draft.flag(Flags.MISSING_X_CONTENT_TYPE_OPTIONS);
            }
            if (StaticContent.isHtml(contentType)) {
                if (!raw.getXfoPresent()) {
                    draft.flag(Flags.MISSING_X_FRAME_OPTIONS);
                }
                if (!raw.getCspPresent()) {
                    draft.flag(Flags.MISSING_CSP);
                }
            }
        }
        String origin = raw.getCorsAllowOrigin();
        if (origin.equals("null") || (origin.equals("*") && raw.getCorsAllowCredentials())) {
            draft.flag(Flags.PERMISSIVE_CORS);
        }
        if (disclosesVersion(raw.getServerSoftware())) {
            draft.flag(Flags.VERSION_DISCLOSURE);
        }
    }

    static boolean hasBody(int status) {
        return (status >= 200 && status <= 299 && status != 204) || (status >= 400 && status <= 599);
    }

    /**
     * A product token followed by a version: {@code product/<digits>} ending there or in {@code . ( ) ; , -} or a
     * space ({@code nginx/1.25.3}, {@code Foo/2}), or {@code product <digits>.<digit>} ({@code PHP 8.1}). A node id
     * such as {@code ECS (dcb/7F84)} is not a version.
     */
    static boolean disclosesVersion(String server) {
        int length = Math.min(server.length(), MAX_SERVER_CHARS);
        for (int i = 1; i < length; i++) {
            char before = server.charAt(i - 1);
            if (!isDigit(server.charAt(i)) || (before != '/' && before != ' ')) {
                continue;
            }
            int end = i;
            while (end < length && isDigit(server.charAt(end))) {
                end++;
            }
            char next = end < length ? server.charAt(end) : 0;
            if (before == '/' && (next == 0 || ".();,- ".indexOf(next) >= 0)) {
                return true;
            }
            if (before == ' ' && i >= 2 && Character.isLetter(server.charAt(i - 2)) && next == '.'
                    && end + 1 < length && isDigit(server.charAt(end + 1))) {
                return true;
            }
            i = end;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
