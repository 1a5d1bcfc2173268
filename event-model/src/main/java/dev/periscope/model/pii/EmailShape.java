package dev.periscope.model.pii;

import java.util.Locale;
import java.util.Set;

/**
 * {@code local@domain.tld} (dot-atom local part, at least two domain labels, a letter TLD), checked character by
 * character (no regex). Two false-positive gates:
 * <ul>
 *   <li>a "TLD" that is a static-asset extension ({@code logo@2x.png}, {@code icon@3x.webp}) is a retina asset
 *       name, not an address: no match at all, so the asset name stays literal;</li>
 *   <li>a {@code *.gserviceaccount.com} domain is a Google service account, not a person: masked, not reported.</li>
 * </ul>
 */
final class EmailShape {
    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_LABEL = 63;
    static final Set<String> ASSET_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp",
            "ico", "tif", "tiff", "heic", "css", "js", "mjs", "map", "json", "woff", "woff2", "ttf", "otf", "eot",
            "mp4", "webm", "mp3", "wav", "pdf", "txt", "html", "htm", "xml", "wasm");
    private static final String SERVICE_ACCOUNT_DOMAIN = ".gserviceaccount.com";

    private EmailShape() {
    }

    static PiiMatch match(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || at > MAX_LOCAL || value.length() > MAX_LENGTH || value.indexOf('@', at + 1) >= 0) {
            return null;
        }
        if (!validLocal(value, at)) {
            return null;
        }
        int tldStart = validDomain(value, at + 1);
        if (tldStart < 0) {
            return null;
        }
        String tld = value.substring(tldStart).toLowerCase(Locale.ROOT);
        if (ASSET_EXTENSIONS.contains(tld)) {
            return null;
        }
        boolean serviceAccount = value.toLowerCase(Locale.ROOT).endsWith(SERVICE_ACCOUNT_DOMAIN);
        return new PiiMatch(PiiCategory.EMAIL, !serviceAccount);
    }

    private static boolean validLocal(String value, int end) {
        if (value.charAt(0) == '.' || value.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (!(Ascii.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-')
                    || c == '.' && value.charAt(i - 1) == '.') {
                return false;
            }
        }
        return true;
    }

    /** @return the index where the TLD starts, or -1 when the domain is not {@code label(.label)+} with a letter TLD */
    private static int validDomain(String value, int start) {
        int labels = 0;
        int labelStart = start;
        for (int i = start; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL || value.charAt(labelStart) == '-'
                        || value.charAt(i - 1) == '-') {
                    return -1;
                }
                labels++;
                if (i < value.length()) {
                    labelStart = i + 1;
                }
                continue;
            }
            char c = value.charAt(i);
            if (!(Ascii.isAlnum(c) || c == '-')) {
                return -1;
            }
        }
        if (labels < 2) {
            return -1;
        }
        int tldLength = value.length() - labelStart;
        if (tldLength < 2 || tldLength > 24) {
            return -1;
        }
        for (int i = labelStart; i < value.length(); i++) {
            if (!Ascii.isLetter(value.charAt(i))) {
                return -1;
            }
        }
        return labelStart;
    }
}
