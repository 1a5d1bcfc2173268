package dev.periscope.enricher.classify.path;

import java.util.Locale;
import java.util.Set;
import dev.periscope.model.pii.Ascii;

/** Segments that stay literal although they contain digits: API versions and static-asset file names. */
final class LiteralShapes {
    static final int MAX_VERSION_LENGTH = 16;
    static final Set<String> ASSET_EXTENSIONS = Set.of("js", "mjs", "cjs", "css", "map", "png", "jpg", "jpeg",
            "gif", "svg", "ico", "webp", "avif", "bmp", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot", "html",
            "htm", "txt", "xml", "json", "pdf", "mp4", "webm", "mp3", "wav", "wasm", "webmanifest");

    private LiteralShapes() {
    }

    /** {@code v1}, {@code v2beta}, {@code v1alpha1}, {@code V3}: v, digits, then optionally letters and digits. */
    static boolean isVersion(String s) {
        if (s.length() < 2 || s.length() > MAX_VERSION_LENGTH || (s.charAt(0) != 'v' && s.charAt(0) != 'V')
                || !Ascii.isDigit(s.charAt(1))) {
            return false;
        }
        int i = 2;
        while (i < s.length() && Ascii.isDigit(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && Ascii.isDigit(s.charAt(i))) {
                i++;
            }
        }
        while (i < s.length() && Ascii.isLower(s.charAt(i))) {
            i++;
        }
        while (i < s.length() && Ascii.isDigit(s.charAt(i))) {
            i++;
        }
        return i == s.length();
    }

    /** {@code app.js}, {@code logo.png}, {@code logo@2x.png}: a name and a known asset extension. */
    static boolean isStaticAsset(String s) {
        int dot = s.lastIndexOf('.');
        if (dot <= 0 || dot == s.length() - 1 || s.length() - dot > 12) {
            return false;
        }
        return ASSET_EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
