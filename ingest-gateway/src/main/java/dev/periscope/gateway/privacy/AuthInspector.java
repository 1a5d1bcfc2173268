package dev.periscope.gateway.privacy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns credentials into presence bits and a consumer identity. Nothing it returns holds a credential value except
 * {@link Consumer#value()}, which the caller hashes and drops.
 * <p>
 * Hints: {@code bearer} (Bearer/Token scheme or a bare JWT), {@code basic}, {@code digest}, {@code negotiate}
 * (Negotiate/NTLM/Kerberos), {@code apikey} ({@code x-api-key}, an opaque {@code x-auth-token}, or an
 * ApiKey scheme), {@code cookie} (a session-like cookie name), {@code mtls} (a client certificate), {@code other}
 * (any other scheme, or a deployment-specific auth header).
 * <p>
 * Consumer identity, first match wins: JWT {@code sub} (signature not verified) → mTLS peer subject (else its first
 * URI or DNS SAN) → API-key value → Basic username.
 */
public final class AuthInspector {
    /** Characters of one credential looked at; longer credentials still count as present but are not decoded. */
    static final int MAX_CREDENTIAL_CHARS = Jwt.MAX_TOKEN_CHARS;
    /** Cookies per Cookie header looked at, and characters of the header scanned. */
    static final int MAX_COOKIES = 64;
    static final int MAX_COOKIE_HEADER_CHARS = 8 * 1024;

    public static final String SCHEME_JWT = "jwt";
    public static final String SCHEME_MTLS = "mtls";
    public static final String SCHEME_APIKEY = "apikey";
    public static final String SCHEME_BASIC = "basic";

    private final Set<String> extraAuthHeaders;
    private final JwtSubjects jwtSubjects = new JwtSubjects();

    /** @param extraAuthHeaders deployment-specific headers (lower-case) whose presence also counts as auth */
    public AuthInspector(Iterable<String> extraAuthHeaders) {
        Set<String> names = new LinkedHashSet<>();
        extraAuthHeaders.forEach(name -> {
            String lower = name.strip().toLowerCase(Locale.ROOT);
            if (!lower.isEmpty() && !SensitiveHeaders.AUTH_BEARING.contains(lower)) {
                names.add(lower);
            }
        });
        this.extraAuthHeaders = Set.copyOf(names);
    }

    public AuthInspector() {
        this(List.of());
    }

    /** Deployment-specific auth headers: never forwarded either. */
    public Set<String> extraAuthHeaders() {
        return extraAuthHeaders;
    }

    /** Who the consumer is; {@code value} is the raw identity, to be hashed and never stored. */
    public record Consumer(String scheme, String value) {
        @Override
        public String toString() {
            return "Consumer[scheme=" + scheme + ", value=redacted]";
        }
    }

    /** @param hints distinct, in a stable order; {@code observed} is true exactly when hints are not empty */
    public record Auth(boolean observed, List<String> hints, Optional<Consumer> consumer) {
        public static final Auth NONE = new Auth(false, List.of(), Optional.empty());
    }

    /**
     * @param requestHeader lower-case name → value, "" when absent
     * @param peerSubject   the client certificate's subject, "" without mTLS
     * @param peerSans      the client certificate's URI/DNS SANs in order (may be empty)
     */
    public Auth inspect(Function<String, String> requestHeader, String peerSubject, List<String> peerSans) {
        Set<String> hints = new LinkedHashSet<>(4);
        List<String> authorizationLike = SensitiveHeaders.AUTHORIZATION_LIKE;
        String[] authorization = new String[authorizationLike.size()];
        for (int i = 0; i < authorization.length; i++) {
            authorization[i] = requestHeader.apply(authorizationLike.get(i));
            if (!authorization[i].isBlank()) {
                hints.add(authorizationHint(authorization[i]));
            }
        }
        String apiKeyHeader = requestHeader.apply("x-api-key");
        if (!apiKeyHeader.isBlank()) {
            hints.add("apikey");
        }
        String authToken = requestHeader.apply("x-auth-token");
        if (!authToken.isBlank()) {
            hints.add(Jwt.looksLikeJwt(authToken.strip()) ? "bearer" : "apikey");
        }
        if (hasSessionCookie(requestHeader.apply("cookie"))) {
            hints.add("cookie");
        }
        String certificateIdentity = certificateIdentity(peerSubject, peerSans);
        if (!certificateIdentity.isEmpty()) {
            hints.add("mtls");
        }
        for (String name : extraAuthHeaders) {
            if (!requestHeader.apply(name).isBlank()) {
                hints.add("other");
            }
        }
        if (hints.isEmpty()) {
            return Auth.NONE;
        }
        return new Auth(true, List.copyOf(new ArrayList<>(hints)),
                consumer(authorization, apiKeyHeader, authToken, certificateIdentity));
    }

    /** @param authorization the {@link SensitiveHeaders#AUTHORIZATION_LIKE} header values, in that order */
    private Optional<Consumer> consumer(String[] authorization, String apiKeyHeader, String authToken,
            String certificateIdentity) {
        List<String> authorizationLike = SensitiveHeaders.AUTHORIZATION_LIKE;
        for (int i = 0; i < authorization.length; i++) {
            if (authorizationLike.get(i).equals("proxy-authorization")) {
                continue; // the proxy's credential, not the API consumer's
            }
            String token = bearerToken(authorization[i]);
            Optional<String> subject = token.isEmpty() ? Optional.empty() : jwtSubjects.subject(token);
            if (subject.isPresent()) {
                return Optional.of(new Consumer(SCHEME_JWT, subject.get()));
            }
        }
        Optional<String> subject = jwtSubjects.subject(authToken.strip());
        if (subject.isPresent()) {
            return Optional.of(new Consumer(SCHEME_JWT, subject.get()));
        }
        if (!certificateIdentity.isEmpty()) {
            return Optional.of(new Consumer(SCHEME_MTLS, certificateIdentity));
        }
        String apiKey = bounded(apiKeyHeader.strip());
        if (apiKey.isEmpty()) {
            apiKey = bounded(credentials(authorization[authorizationLike.indexOf("authorization")], "apikey",
                    "api-key", "api_key"));
        }
        if (!apiKey.isEmpty()) {
            return Optional.of(new Consumer(SCHEME_APIKEY, apiKey));
        }
        for (int i = 0; i < authorization.length; i++) {
            if (authorizationLike.get(i).equals("proxy-authorization")) {
                continue;
            }
            String user = basicUser(authorization[i]);
            if (!user.isEmpty()) {
                return Optional.of(new Consumer(SCHEME_BASIC, user));
            }
        }
        return Optional.empty();
    }

    static String authorizationHint(String value) {
        String v = value.strip();
        int space = indexOfWhitespace(v);
        if (space < 0) {
            return Jwt.looksLikeJwt(v) ? "bearer" : "other";
        }
        return switch (v.substring(0, space).toLowerCase(Locale.ROOT)) {
            case "bearer", "token", "jwt" -> "bearer";
            case "basic" -> "basic";
            case "digest" -> "digest";
            case "negotiate", "ntlm", "kerberos" -> "negotiate";
            case "apikey", "api-key", "api_key" -> "apikey";
            default -> "other";
        };
    }

    /** The token of {@code Bearer <token>} (also Token/JWT schemes), or a bare JWT; "" otherwise. */
    static String bearerToken(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_CREDENTIAL_CHARS + 16) {
            return "";
        }
        String token = credentials(v, "bearer", "token", "jwt");
        if (!token.isEmpty()) {
            return token;
        }
        return indexOfWhitespace(v) < 0 && Jwt.looksLikeJwt(v) ? v : "";
    }

    /** The user name of {@code Basic base64(user:password)}; "" when absent or malformed. */
    static String basicUser(String value) {
        String encoded = credentials(value, "basic");
        if (encoded.isEmpty() || encoded.length() > MAX_CREDENTIAL_CHARS) {
            return "";
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return "";
        }
        String userPass = new String(decoded, StandardCharsets.UTF_8);
        int colon = userPass.indexOf(':');
        if (colon < 0) {
            return "";
        }
        return bounded(userPass.substring(0, colon).strip());
    }

    /** The credentials after one of the schemes (case-insensitive), stripped; "" for any other scheme. */
    private static String credentials(String value, String... schemes) {
        String v = value.strip();
        int space = indexOfWhitespace(v);
        if (space <= 0) {
            return "";
        }
        String scheme = v.substring(0, space);
        for (String expected : schemes) {
            if (scheme.equalsIgnoreCase(expected)) {
                return v.substring(space + 1).strip();
            }
        }
        return "";
    }

    static String certificateIdentity(String peerSubject, List<String> peerSans) {
        String subject = peerSubject == null ? "" : peerSubject.strip();
        if (!subject.isEmpty()) {
            return bounded(subject);
        }
        for (String san : peerSans) {
            if (san != null && !san.isBlank()) {
                return bounded(san.strip());
            }
        }
        return "";
    }

    /** A session-like cookie NAME (sess, sid, auth, token, jwt; not a CSRF token); values are never read. */
    static boolean hasSessionCookie(String cookieHeader) {
        if (cookieHeader.isBlank()) {
            return false;
        }
        int limit = Math.min(cookieHeader.length(), MAX_COOKIE_HEADER_CHARS);
        int start = 0;
        for (int cookies = 0; cookies < MAX_COOKIES && start < limit; cookies++) {
            int semicolon = cookieHeader.indexOf(';', start);
            int end = semicolon < 0 || semicolon > limit ? limit : semicolon;
            int eq = cookieHeader.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            String name = cookieHeader.substring(start, nameEnd).strip().toLowerCase(Locale.ROOT);
            if (!name.contains("csrf") && !name.contains("xsrf") && (name.contains("sess") || name.contains("auth")
                    || name.contains("token") || name.contains("jwt") || name.equals("sid")
                    || name.startsWith("sid_") || name.endsWith("_sid") || name.endsWith(".sid"))) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** An identity too long to be plausible is not used (it still counts as present). */
    private static String bounded(String identity) {
        return identity.length() > MAX_CREDENTIAL_CHARS ? "" : identity;
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
