package dev.periscope.enricher.classify.stages;

import java.util.ArrayList;
import java.util.List;

/**
 * A lower-cased path cut once into what the category and probe rules look up, in one linear pass:
 * <ul>
 * <li>{@code segments}: the text between slashes, empty ones dropped ({@code /a//b/} → a, b);</li>
 * <li>{@code words}: maximal runs of letters and digits, except inside a placeholder ({@code {token}} gives no
 * word), so {@code /wp-admin/admin_panel} → wp, admin, admin, panel and {@code /administrator-guide} →
 * administrator, guide;</li>
 * <li>{@code pairs}: two words of one segment separated by exactly one {@code -} or {@code _}, joined with
 * {@code -} ({@code api_docs} → {@code api-docs}).</li>
 * </ul>
 */
record PathWords(List<String> segments, List<String> words, List<String> pairs) {

    static PathWords of(String lowerPath) {
        List<String> segments = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> pairs = new ArrayList<>(2);
        int length = lowerPath.length();
        int segmentStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || lowerPath.charAt(i) == '/') {
                if (i > segmentStart) {
                    String segment = lowerPath.substring(segmentStart, i);
                    segments.add(segment);
                    addWords(segment, words, pairs);
                }
                segmentStart = i + 1;
            }
        }
        return new PathWords(segments, words, pairs);
    }

    private static void addWords(String segment, List<String> words, List<String> pairs) {
        String previous = null;
        int depth = 0;
        int i = 0;
        int length = segment.length();
        while (i < length) {
            char c = segment.charAt(i);
            if (c == '{') {
                depth++;
                previous = null;
                i++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                previous = null;
                i++;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < length && isWordChar(segment.charAt(i))) {
                    i++;
                }
                if (depth == 0) {
                    String word = segment.substring(start, i);
                    words.add(word);
                    if (previous != null) {
                        pairs.add(previous + "-" + word);
                    }
                    boolean joiner = i + 1 < length && (segment.charAt(i) == '-' || segment.charAt(i) == '_')
                            && isWordChar(segment.charAt(i + 1));
                    previous = joiner ? word : null;
                }
            } else {
                if (c != '-' && c != '_') {
                    previous = null;
                }
                i++;
            }
        }
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
