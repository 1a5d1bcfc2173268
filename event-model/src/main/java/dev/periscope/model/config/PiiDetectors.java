package dev.periscope.model.config;

/**
 * {@code policy.pii_detectors}: per-category <i>reporting</i> switches. A switched-off detector no longer reports
 * its category, but a value of that shape is still masked in the path: the switches never weaken masking.
 * The reference's Turkey-specific detectors ({@code tr_mobile}, {@code tr_national_id}) are not implemented; the
 * fields are accepted and ignored with a warning.
 */
public record PiiDetectors(boolean email, boolean phoneInternational, boolean ssn, boolean creditCard,
        boolean iban) {

    public static PiiDetectors defaults() {
        return new PiiDetectors(true, true, true, true, true);
    }
}
