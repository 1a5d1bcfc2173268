package dev.periscope.model.pii;

import java.util.Optional;

/**
 * Recognises personal data in one value — a path segment (enricher) or a query-parameter value (gateway, where
 * the value never leaves) — given the name it was found under. Categories: email, phone, ssn, credit_card, iban
 * (see each shape class for its exact rules and gates).
 * <p>
 * A match means "mask this value". {@link PiiMatch#reportable()} says whether the category may also be reported:
 * the false-positive-first gates (asset names, service accounts, name-gated numbers) only ever switch the report
 * off, never the masking.
 * <p>
 * Linear time, no regex, no allocation for most values: values longer than {@value #MAX_VALUE_LENGTH} characters
 * (the longest email address) are no shape at all and are rejected after one length check. Stateless and
 * thread-safe.
 */
public final class PiiScanner {
    public static final int MAX_VALUE_LENGTH = EmailShape.MAX_LENGTH;

    /** @param contextName the preceding path segment or the query-parameter name; null or "" when there is none */
    public Optional<PiiMatch> scan(String value, String contextName) {
        return Optional.ofNullable(match(value, contextName));
    }

    /** As {@link #scan} without the {@link Optional}: {@code null} when the value has no personal-data shape. */
    public PiiMatch match(String value, String contextName) {
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        if (value.indexOf('@') >= 0) {
            return EmailShape.match(value);
        }
        char first = value.charAt(0);
        if (first == '+') {
            return PhoneShape.international(value);
        }
        if (first == '(') {
            return PhoneShape.areaCode(value);
        }
        if (Ascii.isUpper(first)) {
            return IbanShape.match(value);
        }
        if (Ascii.isDigit(first) && onlyDigitsAndSeparators(value)) {
            ContextName name = ContextName.of(contextName);
            PiiMatch match = SsnShape.match(value, name);
            if (match == null) {
                match = CardShape.match(value, name);
            }
            if (match == null) {
                match = PhoneShape.bare(value, name);
            }
            return match;
        }
        return null;
    }

    private static boolean onlyDigitsAndSeparators(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Ascii.isDigit(c) || c == '-' || c == ' ' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
