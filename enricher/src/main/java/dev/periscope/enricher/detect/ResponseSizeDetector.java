package dev.periscope.enricher.detect;

import java.util.Locale;

import dev.periscope.enricher.detect.baseline.RunningStats;
import dev.periscope.model.config.ResponseSizeSettings;

/**
 * {@code response_size}: per endpoint, the mean and deviation of response sizes. A response is anomalous when the
 * endpoint has {@code warmup} samples, it is at least {@code min_event_bytes}, more than {@code multiplier} ×
 * max(mean, {@code min_baseline_bytes}) and more than mean + {@code sigma} deviations. After {@code consecutive}
 * anomalous responses in a row, each further one is flagged {@code oversized_response}. Anomalous sizes are not
 * learned (an exfiltration run must not become the norm). Never on {@code data_export} endpoints nor file content
 * types (skip {@code file_content}).
 */
public final class ResponseSizeDetector implements Detector {
    public static final String NAME = "response_size";

    private final ResponseSizeSettings settings;
    private final KeyedState<RunningStats> baselines;
    private final SkipListener skips;

    public ResponseSizeDetector(ResponseSizeSettings settings, KeyedState<RunningStats> baselines,
            SkipListener skips) {
        this.settings = settings;
        this.baselines = baselines;
        this.skips = skips;
    }

    @Override
    public String name() {
        return NAME;
    }

    static boolean isFileContent(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/")
                || type.startsWith("font/") || type.startsWith("application/octet-stream")
                || type.startsWith("application/pdf") || type.startsWith("application/zip")
                || type.startsWith("application/gzip") || type.startsWith("application/x-")
                || type.startsWith("application/vnd.") || type.startsWith("text/csv")
                || type.startsWith("multipart/");
    }

    @Override
    public void observe(DetectorEvent event) {
        if (event.hasCategory("data_export") || isFileContent(event.raw().getContentType())) {
            skips.skipped(NAME, Skips.FILE_CONTENT);
            return;
        }
        double bytes = event.raw().getResponseBytes();
        boolean flag = baselines.apply(event.endpointKey(), RunningStats::new, stats -> {
            boolean anomalous = stats.count() >= settings.warmup() && bytes >= settings.minEventBytes()
                    && bytes > settings.multiplier() * Math.max(stats.mean(), settings.minBaselineBytes())
                    && bytes > stats.mean() + settings.sigma() * stats.stddev();
            if (!anomalous) {
                stats.miss();
                stats.add(bytes);
                return false;
            }
            return stats.hit() >= settings.consecutive();
        });
        if (flag) {
            event.flag(DetectorFlags.OVERSIZED_RESPONSE);
        }
    }
}
