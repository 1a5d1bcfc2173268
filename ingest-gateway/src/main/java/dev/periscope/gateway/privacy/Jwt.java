package dev.periscope.gateway.privacy;

import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Reads the {@code sub} claim of a compact JWS ({@code header.payload.signature}). The signature is NOT verified:
 * the subject is only a consumer label, hashed before it leaves. Anything malformed gives an empty result, never an
 * exception.
 */
public final class Jwt {
    /** Longest token looked at; a longer one is treated as malformed. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** Longest subject kept (it is hashed, but hashing megabytes per request is not free). */
    public static final int MAX_SUBJECT_CHARS = 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(MAX_TOKEN_CHARS)
                    .maxNumberLength(64)
                    .build())
            .build();

    private static final boolean[] TOKEN_CHARS = tokenChars();

    private Jwt() {
    }

    /** Cheap shape test: three non-empty base64url parts and a JSON-object header ({@code eyJ…}). */
    public static boolean looksLikeJwt(String token) {
        if (token == null || token.length() < 10 || token.length() > MAX_TOKEN_CHARS || !token.startsWith("eyJ")) {
            return false;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= TOKEN_CHARS.length || !TOKEN_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    /** base64url and base64 letters, padding and the part separator, indexed by ASCII code. */
    private static boolean[] tokenChars() {
        boolean[] allowed = new boolean[128];
        for (char c = 0; c < allowed.length; c++) {
            allowed[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_' || c == '.' || c == '=' || c == '+' || c == '/';
        }
        return allowed;
    }

    /** The non-blank string {@code sub} claim, or empty for a malformed token or a missing/non-string claim. */
    public static Optional<String> subject(String token) {
        if (!looksLikeJwt(token)) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        return payloadSubject(token, first, token.indexOf('.', first + 1));
    }

    /**
     * The {@code sub} claim of the payload segment {@code token(first, second)} of a token that
     * {@link #looksLikeJwt looks like a JWT}: the part of {@link #subject} that depends on the payload alone.
     */
    static Optional<String> payloadSubject(String token, int first, int second) {
        byte[] payload;
        try {
            String part = token.substring(first + 1, second).replace('+', '-').replace('/', '_');
            int pad = part.indexOf('=');
            payload = Base64.getUrlDecoder().decode(pad < 0 ? part : part.substring(0, pad));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("sub".equals(field)) {
                    if (value != JsonToken.VALUE_STRING) {
                        return Optional.empty();
                    }
                    String subject = parser.getText().strip();
                    return subject.isEmpty() || subject.length() > MAX_SUBJECT_CHARS ? Optional.empty()
                            : Optional.of(subject);
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (Exception e) {
            // malformed JSON, limits exceeded, bad UTF-8: not a usable subject
            return Optional.empty();
        }
    }
}
