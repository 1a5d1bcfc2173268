package dev.periscope.enricher.score;

/**
 * Which score a flag feeds: THREAT (someone is attacking: {@code risk_score}) or EXPOSURE (the endpoint is
 * configured or built unsafely: {@code posture_score}).
 */
public enum Axis {
    THREAT, EXPOSURE
}
