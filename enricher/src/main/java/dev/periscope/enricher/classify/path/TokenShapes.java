package dev.periscope.enricher.classify.path;

import dev.periscope.model.pii.Ascii;

/** Credential-like segments that are not vendor secrets: JWT/JWE-shaped tokens and high-entropy random tokens. */
final class TokenShapes {
    static final int MIN_JWT_HEADER = 10;
    static final int MIN_DYNAMIC_LENGTH = 16;
    /** Below this many bits per character a long string is words, not randomness. */
    static final double MIN_ENTROPY_BITS = 3.3;

    private TokenShapes() {
    }

    /**
     * {@code eyJ…} (base64url of {@code {"}) then base64url parts joined by dots: three parts (JWS; an empty
     * signature allowed) or five (JWE).
     */
    static boolean isJwt(String s) {
        if (!s.startsWith("eyJ")) {
            return false;
        }
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (dots == 0 && partLength < MIN_JWT_HEADER) {
                    return false;
                }
                dots++;
                partLength = 0;
            } else if (Ascii.isBase64Url(c) || c == '=') {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2 || dots == 4;
    }

    /**
     * A random-looking token: at least {@value #MIN_DYNAMIC_LENGTH} base64url characters mixing at least two of
     * upper case, lower case and digits, where
     * <ul>
     *   <li>the character class (upper/lower/digit; {@code -}/{@code _} skipped) changes on at least a sixth of
     *       adjacent pairs — slugs and numbers-with-a-word change class rarely;</li>
     *   <li>at most half of the characters sit in word-like runs: four or more lower-case letters of which at
     *       least 30 % are vowels — camelCase names ({@code getUserAccountInformation2}) are mostly such runs,
     *       random tokens seldom;</li>
     *   <li>Shannon entropy is at least {@value #MIN_ENTROPY_BITS} bits per character.</li>
     * </ul>
     */
    static boolean isHighEntropy(String s) {
        int length = s.length();
        if (length < MIN_DYNAMIC_LENGTH) {
            return false;
        }
        int[] counts = new int[128];
        int[] classes = new int[3];
        int alnum = 0;
        int transitions = 0;
        int previousClass = -1;
        int lowerRun = 0;
        int vowels = 0;
        int inWordRuns = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!Ascii.isBase64Url(c)) {
                return false;
            }
            counts[c]++;
            if (c == '-' || c == '_') {
                inWordRuns += wordRun(lowerRun, vowels);
                lowerRun = 0;
                vowels = 0;
                continue; // separators of slugs; they say nothing about randomness
            }
            int charClass = Ascii.isDigit(c) ? 0 : Ascii.isUpper(c) ? 1 : 2;
            alnum++;
            classes[charClass]++;
            if (previousClass >= 0 && charClass != previousClass) {
                transitions++;
            }
            previousClass = charClass;
            if (charClass == 2) {
                lowerRun++;
                if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
                    vowels++;
                }
            } else {
                inWordRuns += wordRun(lowerRun, vowels);
                lowerRun = 0;
                vowels = 0;
            }
        }
        inWordRuns += wordRun(lowerRun, vowels);
        int mixed = (classes[0] > 0 ? 1 : 0) + (classes[1] > 0 ? 1 : 0) + (classes[2] > 0 ? 1 : 0);
        if (alnum < MIN_DYNAMIC_LENGTH || mixed < 2 || transitions * 6 < alnum - 1 || inWordRuns * 2 > alnum) {
            return false;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / length;
                entropy -= p * Math.log(p);
            }
        }
        return entropy / Math.log(2) >= MIN_ENTROPY_BITS;
    }

    /** The run's length when it reads like a word (4+ letters, at least 30 % vowels), else 0. */
    private static int wordRun(int lowerRun, int vowels) {
        return lowerRun >= 4 && vowels * 10 >= lowerRun * 3 ? lowerRun : 0;
    }
}
