package dev.periscope.model.pii;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name a value was found under (the preceding path segment or the query-parameter name), reduced to the
 * questions the reporting gates ask. {@code cardNumber}, {@code card_number} and {@code card-number} all read
 * as {@code cardnumber} (compact form) with tokens {@code card}, {@code number}.
 */
final class ContextName {
    private static final Pattern SPACES = Pattern.compile(" +");
    /** Longer names are not field names; they open no gate. */
    static final int MAX_LENGTH = 64;
    static final ContextName NONE = new ContextName("", new String[0]);

    private final String compact;
    private final String[] tokens;

    private ContextName(String compact, String[] tokens) {
        this.compact = compact;
        this.tokens = tokens;
    }

    static ContextName of(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return NONE;
        }
        StringBuilder compact = new StringBuilder(name.length());
        StringBuilder spaced = new StringBuilder(name.length() + 4);
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
                    spaced.append(' ');
                }
                char lower = Character.toLowerCase(c);
                compact.append(lower);
                spaced.append(lower);
            } else {
                spaced.append(' ');
            }
            previous = c;
        }
        String[] tokens = SPACES.split(spaced.toString().trim());
        return new ContextName(compact.toString().toLowerCase(Locale.ROOT), tokens);
    }

    boolean isPhoneLike() {
        return containsAny("phone", "mobile", "msisdn", "whatsapp") || hasToken("tel", "cell", "fax", "gsm", "sms");
    }

    boolean isSsnLike() {
        return containsAny("ssn", "taxid", "socialsecurity", "taxnumber") || hasToken("tin", "itin");
    }

    boolean isCardLike() {
        return containsAny("card", "ccnum") && !containsAny("dashboard", "scorecard", "discard", "wildcard")
                || hasToken("cc", "pan");
    }

    private boolean containsAny(String... fragments) {
        for (String fragment : fragments) {
            if (compact.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasToken(String... wanted) {
        for (String token : tokens) {
            for (String w : wanted) {
                if (token.equals(w)) {
                    return true;
                }
            }
        }
        return false;
    }
}
