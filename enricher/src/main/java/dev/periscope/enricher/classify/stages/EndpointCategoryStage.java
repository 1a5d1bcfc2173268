package dev.periscope.enricher.classify.stages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;

/**
 * {@code endpoint_categories}: what an endpoint is for, from word families on the lower-cased normalized path (the
 * raw path when the path stage left none). An endpoint may have several categories.
 * <p>
 * Matching is segment-aware. A family word must be a whole word of the path (letters and digits between any other
 * characters; see {@link PathWords}) — the same as the regex {@code (?<![a-z0-9{])(?:admin|console|…)(?![a-z0-9}])}
 * — so {@code /admin}, {@code /wp-admin}, {@code /admin_panel}, {@code /site.admin} are {@code admin} but
 * {@code /administrator-guide}, {@code /badminton}, {@code /adminpanel} are not; placeholders ({@code {token}},
 * {@code {id}}) never match. The families are looked up in one hash table rather than run as regexes: the same
 * matches, in a single linear pass. Families (examples in enricher/README.md, tests in
 * {@code EndpointCategoryStageTest}):
 * <ul>
 * <li>{@code admin}: admin, administration, console, management, mgmt, dashboard, backoffice, superuser,
 * sysadmin;</li>
 * <li>{@code auth}: login, logon, logout, signin/sign-in, signout/sign-out, signup/sign-up, register, oauth, oauth2,
 * sso, saml, saml2, openid, oidc, token, tokens, authenticate, authorize, auth, mfa, 2fa, otp, jwks, password,
 * passwords;</li>
 * <li>{@code account_management}: a whole segment naming an account collection ({@code user(s)},
 * {@code account(s)}, {@code me}, {@code profile(s)}, {@code member(s)}, {@code customer(s)}), optionally one
 * segment (an id), then a whole segment among email(s), password, profile, settings, preferences, phone,
 * address(es), username, roles, permissions, mfa, 2fa, security, deactivate ({@code /users/{id}/email},
 * {@code /me/password}, {@code /account/settings});</li>
 * <li>{@code payment}: checkout, payment(s), pay, payout(s), billing, charge(s), refund(s), invoice(s),
 * subscription(s), wallet(s), purchase(s);</li>
 * <li>{@code data_export}: export(s), download(s), dump(s), backup(s), bulk, takeout;</li>
 * <li>{@code api_docs}: swagger (also swagger-ui, swagger.json), openapi, api-docs/api_docs/apidocs, redoc, rapidoc,
 * graphiql, graphql-playground;</li>
 * <li>{@code metadata_leak}: a whole segment {@code .env} (or {@code .env.<suffix>}), {@code .git}, {@code .svn},
 * {@code .hg}, {@code .aws}, {@code .ssh}, {@code .docker}, {@code .kube}, {@code .npmrc}, {@code .pypirc},
 * {@code .netrc}, {@code .htaccess}, {@code .htpasswd}, {@code .ds_store}, {@code .bash_history}, {@code .idea},
 * {@code .vscode}, {@code server-status}, {@code server-info}, {@code phpinfo.php}, {@code web.config},
 * {@code wp-config.php} (or {@code wp-config.php.<suffix>}), {@code computemetadata}, or the segments
 * {@code latest/meta-data}.</li>
 * </ul>
 * Linear in the path's length, which is capped at {@link ClassifiedPath#MAX_CHARS}.
 * <p>
 * Order: after the path stage (reads {@code normalized_path}).
 */
public final class EndpointCategoryStage implements ClassificationStage {
    public static final String ADMIN = "admin";
    public static final String AUTH = "auth";
    public static final String ACCOUNT_MANAGEMENT = "account_management";
    public static final String PAYMENT = "payment";
    public static final String DATA_EXPORT = "data_export";
    public static final String API_DOCS = "api_docs";
    public static final String METADATA_LEAK = "metadata_leak";

    /** Output order of the categories. */
    private static final List<String> ORDER = List.of(ADMIN, AUTH, ACCOUNT_MANAGEMENT, PAYMENT, DATA_EXPORT,
            API_DOCS, METADATA_LEAK);
    private static final Map<String, String> WORDS = new HashMap<>();
    private static final Set<String> ACCOUNT_COLLECTIONS = Set.of("user", "users", "account", "accounts", "me",
            "profile", "profiles", "member", "members", "customer", "customers");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("email", "emails", "password", "profile", "settings",
            "preferences", "phone", "address", "addresses", "username", "roles", "permissions", "mfa", "2fa",
            "security", "deactivate");
    private static final Set<String> METADATA_SEGMENTS = Set.of(".env", ".git", ".svn", ".hg", ".aws", ".ssh",
            ".docker", ".kube", ".npmrc", ".pypirc", ".netrc", ".htaccess", ".htpasswd", ".ds_store",
            ".bash_history", ".idea", ".vscode", "server-status", "server-info", "phpinfo.php", "web.config",
            "wp-config.php", "computemetadata");

    static {
        family(ADMIN, "admin", "administration", "console", "management", "mgmt", "dashboard", "backoffice",
                "superuser", "sysadmin");
        family(AUTH, "login", "logon", "logout", "signin", "sign-in", "signout", "sign-out", "signup", "sign-up",
                "register", "oauth", "oauth2", "sso", "saml", "saml2", "openid", "oidc", "token", "tokens",
                "authenticate", "authorize", "auth", "mfa", "2fa", "otp", "jwks", "password", "passwords");
        family(PAYMENT, "checkout", "payment", "payments", "pay", "payout", "payouts", "billing", "charge",
                "charges", "refund", "refunds", "invoice", "invoices", "subscription", "subscriptions", "wallet",
                "wallets", "purchase", "purchases");
        family(DATA_EXPORT, "export", "exports", "download", "downloads", "dump", "dumps", "backup", "backups",
                "bulk", "takeout");
        family(API_DOCS, "swagger", "openapi", "api-docs", "apidocs", "redoc", "rapidoc", "graphiql",
                "graphql-playground");
    }

    private static void family(String category, String... words) {
        for (String word : words) {
            WORDS.put(word, category);
        }
    }

    @Override
    public String name() {
        return "endpoint_category";
    }

    @Override
    public void apply(EventDraft draft) {
        String path = ClassifiedPath.normalizedOrRaw(draft);
        if (path.isEmpty()) {
            return;
        }
        PathWords parts = PathWords.of(path);
        boolean[] found = new boolean[ORDER.size()];
        for (String word : parts.words()) {
            mark(found, WORDS.get(word));
        }
        for (String pair : parts.pairs()) {
            mark(found, WORDS.get(pair));
        }
        List<String> segments = parts.segments();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isMetadataSegment(segment)
                    || (segment.equals("latest") && i + 1 < segments.size() && segments.get(i + 1).equals("meta-data"))) {
                mark(found, METADATA_LEAK);
            }
            if (ACCOUNT_COLLECTIONS.contains(segment) && (isAccountField(segments, i + 1)
                    || isAccountField(segments, i + 2))) {
                mark(found, ACCOUNT_MANAGEMENT);
            }
        }
        for (int i = 0; i < found.length; i++) {
            if (found[i]) {
                draft.endpointCategory(ORDER.get(i));
            }
        }
    }

    private static boolean isMetadataSegment(String segment) {
        return METADATA_SEGMENTS.contains(segment) || hasSuffixAfter(segment, ".env.")
                || hasSuffixAfter(segment, "wp-config.php.");
    }

    /** {@code .env.production}, not {@code .env.} alone. */
    private static boolean hasSuffixAfter(String segment, String prefix) {
        return segment.length() > prefix.length() && segment.startsWith(prefix);
    }

    private static boolean isAccountField(List<String> segments, int index) {
        return index < segments.size() && ACCOUNT_FIELDS.contains(segments.get(index));
    }

    private static void mark(boolean[] found, String category) {
        if (category != null) {
            found[ORDER.indexOf(category)] = true;
        }
    }
}
