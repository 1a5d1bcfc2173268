package dev.periscope.model.config;

/**
 * {@code detection.payment_abuse}: {@code threshold} declined mutating payment calls within {@code window_seconds},
 * at least {@code min_decline_ratio} of the caller's payment calls.
 */
public record PaymentAbuseSettings(boolean enabled, int threshold, int windowSeconds, double minDeclineRatio) {
    static PaymentAbuseSettings from(DetectorSchema.Values v) {
        return new PaymentAbuseSettings(v.bool("enabled"), v.integer("threshold"), v.integer("window_seconds"),
                v.number("min_decline_ratio"));
    }
}
