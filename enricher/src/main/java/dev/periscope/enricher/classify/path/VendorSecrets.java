package dev.periscope.enricher.classify.path;

import java.util.List;
import dev.periscope.model.pii.Ascii;

/**
 * Leaked credentials recognisable by their vendor prefix. The whole segment must be the credential: the prefix,
 * then a body of the vendor's alphabet within its length range. Table-driven so a new vendor is one line.
 */
final class VendorSecrets {

    private enum Alphabet {
        UPPER_ALNUM, ALNUM, ALNUM_UNDERSCORE, BASE64URL, HEX, SENDGRID;

        boolean accepts(char c) {
            return switch (this) {
                case UPPER_ALNUM -> Ascii.isUpper(c) || Ascii.isDigit(c);
                case ALNUM -> Ascii.isLetter(c) || Ascii.isDigit(c);
                case ALNUM_UNDERSCORE -> Ascii.isLetter(c) || Ascii.isDigit(c) || c == '_';
                case BASE64URL -> Ascii.isBase64Url(c);
                case HEX -> Ascii.isHex(c);
                case SENDGRID -> Ascii.isBase64Url(c) || c == '.';
            };
        }
    }

    private record Kind(String vendor, String prefix, int minBody, int maxBody, Alphabet alphabet) {
    }

    private static final List<Kind> KINDS = List.of(
            aws("AKIA"), aws("ASIA"), aws("ABIA"), aws("ACCA"), aws("AGPA"), aws("AIDA"), aws("AIPA"), aws("ANPA"),
            aws("ANVA"), aws("APKA"), aws("AROA"), aws("ASCA"),
            new Kind("github", "ghp_", 30, 255, Alphabet.ALNUM),
            new Kind("github", "gho_", 30, 255, Alphabet.ALNUM),
            new Kind("github", "ghu_", 30, 255, Alphabet.ALNUM),
            new Kind("github", "ghs_", 30, 255, Alphabet.ALNUM),
            new Kind("github", "ghr_", 30, 255, Alphabet.ALNUM),
            new Kind("github", "github_pat_", 22, 255, Alphabet.ALNUM_UNDERSCORE),
            new Kind("stripe", "sk_live_", 16, 255, Alphabet.ALNUM),
            new Kind("stripe", "rk_live_", 16, 255, Alphabet.ALNUM),
            new Kind("stripe", "sk_test_", 16, 255, Alphabet.ALNUM),
            new Kind("stripe", "rk_test_", 16, 255, Alphabet.ALNUM),
            new Kind("stripe", "whsec_", 24, 255, Alphabet.ALNUM),
            new Kind("slack", "xoxb-", 10, 255, Alphabet.BASE64URL),
            new Kind("slack", "xoxp-", 10, 255, Alphabet.BASE64URL),
            new Kind("slack", "xoxa-", 10, 255, Alphabet.BASE64URL),
            new Kind("slack", "xoxr-", 10, 255, Alphabet.BASE64URL),
            new Kind("slack", "xoxs-", 10, 255, Alphabet.BASE64URL),
            new Kind("slack", "xoxe-", 10, 255, Alphabet.BASE64URL),
            new Kind("gitlab", "glpat-", 20, 255, Alphabet.BASE64URL),
            new Kind("gitlab", "gldt-", 20, 255, Alphabet.BASE64URL),
            new Kind("gitlab", "glrt-", 20, 255, Alphabet.BASE64URL),
            new Kind("shopify", "shpat_", 32, 32, Alphabet.HEX),
            new Kind("shopify", "shpss_", 32, 32, Alphabet.HEX),
            new Kind("shopify", "shpca_", 32, 32, Alphabet.HEX),
            new Kind("shopify", "shppa_", 32, 32, Alphabet.HEX),
            new Kind("google", "AIza", 35, 35, Alphabet.BASE64URL),
            new Kind("npm", "npm_", 36, 36, Alphabet.ALNUM),
            new Kind("openai", "sk-proj-", 20, 255, Alphabet.BASE64URL),
            new Kind("anthropic", "sk-ant-", 20, 255, Alphabet.BASE64URL),
            new Kind("sendgrid", "SG.", 40, 80, Alphabet.SENDGRID));

    private VendorSecrets() {
    }

    /** AWS access key ids: a four-letter type prefix and 16 upper-case base-32 characters. */
    private static Kind aws(String prefix) {
        return new Kind("aws", prefix, 16, 16, Alphabet.UPPER_ALNUM);
    }

    static boolean isSecret(String s) {
        if (s.length() < 14) {
            return false;
        }
        for (Kind kind : KINDS) {
            if (s.startsWith(kind.prefix()) && body(s, kind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean body(String s, Kind kind) {
        int length = s.length() - kind.prefix().length();
        if (length < kind.minBody() || length > kind.maxBody()) {
            return false;
        }
        for (int i = kind.prefix().length(); i < s.length(); i++) {
            if (!kind.alphabet().accepts(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
