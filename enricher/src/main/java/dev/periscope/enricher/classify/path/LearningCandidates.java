package dev.periscope.enricher.classify.path;

import java.util.Locale;
import java.util.Set;
import dev.periscope.model.pii.Ascii;

/**
 * Which literal segments may be learned as ids: letters and digits mixed, 4–{@value #MAX_LENGTH} characters, at
 * most one {@code -} or {@code _}, not a version ({@code v<digit>…}), not a literal family and not an operator's
 * {@code never_template_segments} entry.
 * <p>
 * Literal families are names that mix letters and digits by nature: {@code oauth2}, {@code sha256},
 * {@code utf-8}, {@code route53}, {@code i18n}… Listed exactly, or as a known prefix followed by up to five digits
 * ({@code sha} + {@code 384}, {@code http} + {@code 3}).
 */
public final class LearningCandidates {
    static final int MIN_LENGTH = 4;
    static final int MAX_LENGTH = 128;
    static final Set<String> LITERAL_FAMILIES = Set.of("oauth1", "oauth2", "s3", "ec2", "x509", "route53",
            "office365", "microsoft365", "utf-8", "utf8", "utf-16", "iso8601", "iso-8601", "http2", "http3", "base32",
            "base64", "ipv4", "ipv6", "md5", "sha1", "sha256", "sha384", "sha512", "mp3", "mp4", "h264", "h265",
            "web3", "web2", "i18n", "l10n", "k8s", "a11y", "2fa", "3ds", "3dsecure", "p2p", "b2b", "b2c", "e2e",
            "win32", "win64", "x86", "x64", "x86_64", "arm64", "amd64", "aarch64", "es2015", "es6", "pkcs7",
            "pkcs8", "pkcs12", "aes128", "aes256", "rsa2048", "rsa4096", "crc32", "int32", "int64", "uint32",
            "uint64", "float32", "float64", "python3", "php7", "php8", "covid19", "top10", "top100", "mp4a", "es5",
            "es2016", "es2017", "es2018", "es2019", "es2020", "es2021", "es2022", "es2023", "es2024", "ie11", "ps4",
            "ps5", "md4",
            "webp2", "ed25519", "p256", "secp256k1", "cp1252", "latin1", "s2s", "m2m", "g2g", "1password");
    /**
     * A family prefix followed by a short digit run is a literal: {@code sha3}, {@code http11}, {@code rfc7231}.
     * Only prefixes of three or more characters: {@code c12345}, {@code es826} or {@code md94827} are exactly the
     * ids learning exists for; the two-letter families ({@code md5}, {@code es2015}) are listed exactly.
     */
    static final Set<String> FAMILY_PREFIXES = Set.of("oauth", "sha", "utf", "utf-", "iso", "iso-", "http",
            "base", "ipv", "route", "office", "web", "win", "pkcs", "aes", "rsa", "crc",
            "int", "uint", "float", "arm", "amd", "python", "java", "php", "rfc", "covid", "top", "tls", "ssl",
            "ios", "android", "macos", "windows", "ubuntu", "debian", "node", "jdk", "cve-", "gpt", "gpt-",
            "xbox", "html", "css", "ecma", "ecmascript", "unicode", "fips");

    private LearningCandidates() {
    }

    static boolean isCandidate(String segment, Set<String> neverTemplate) {
        int length = segment.length();
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        int separators = 0;
        for (int i = 0; i < length; i++) {
            char c = segment.charAt(i);
            if (Ascii.isLetter(c)) {
                letter = true;
            } else if (Ascii.isDigit(c)) {
                digit = true;
            } else if (c == '-' || c == '_') {
                separators++;
            } else {
                return false;
            }
        }
        if (!letter || !digit || separators > 1) {
            return false;
        }
        if ((segment.charAt(0) == 'v' || segment.charAt(0) == 'V') && Ascii.isDigit(segment.charAt(1))) {
            return false;
        }
        String lower = segment.toLowerCase(Locale.ROOT);
        return !isLiteralFamily(lower) && !neverTemplate.contains(lower);
    }

    /** @param lower the lower-cased segment */
    public static boolean isLiteralFamily(String lower) {
        if (LITERAL_FAMILIES.contains(lower)) {
            return true;
        }
        int digitsStart = lower.length();
        while (digitsStart > 0 && Ascii.isDigit(lower.charAt(digitsStart - 1))) {
            digitsStart--;
        }
        int digits = lower.length() - digitsStart;
        return digits > 0 && digits <= 5 && FAMILY_PREFIXES.contains(lower.substring(0, digitsStart));
    }
}
