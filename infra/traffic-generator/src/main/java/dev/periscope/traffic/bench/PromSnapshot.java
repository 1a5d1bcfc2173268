package dev.periscope.traffic.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a Prometheus text endpoint: samples by name and labels, with the sums the benchmark needs. */
public final class PromSnapshot {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static final String RECEIVED = "periscope_events_received_total";
    public static final String PUBLISHED = "periscope_events_published_total";
    public static final String DROPPED = "periscope_events_dropped_total";
    public static final String PROCESSING = "periscope_event_processing_duration_seconds";

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> help;

    private PromSnapshot(List<Sample> samples, Map<String, String> help) {
        this.samples = samples;
        this.help = help;
    }

    public static PromSnapshot empty() {
        return new PromSnapshot(List.of(), Map.of());
    }

    /** The {@code # HELP} text of a metric family, if the endpoint gave one. */
    public Optional<String> help(String name) {
        return Optional.ofNullable(help.get(name)).filter(h -> !h.isBlank());
    }

    public static PromSnapshot parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> help = new TreeMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(m.group(4));
            } catch (NumberFormatException e) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, value));
        }
        return new PromSnapshot(samples, help);
    }

    public static PromSnapshot scrape(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Sum of every sample of {@code name}, whatever its labels. */
    public double sum(String name) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name)) {
                total += s.value();
            }
        }
        return total;
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Sums of {@code name} grouped by one label's value. */
    public Map<String, Double> sumBy(String name, String label) {
        Map<String, Double> out = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name)) {
                out.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum);
            }
        }
        return out;
    }

    /** Cumulative histogram buckets of {@code name} (all other labels summed), by upper bound; +Inf last. */
    public TreeMap<Double, Double> buckets(String name) {
        TreeMap<Double, Double> out = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name + "_bucket") && s.labels().containsKey("le")) {
                String le = s.labels().get("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                out.merge(bound, s.value(), Double::sum);
            }
        }
        return out;
    }

    /** A summary's pre-computed quantile (e.g. Micrometer's publishPercentiles), if exposed. */
    public Optional<Double> summaryQuantile(String name, double quantile) {
        for (Sample s : samples) {
            String q = s.labels().get("quantile");
            if (s.name().equals(name) && q != null && Math.abs(Double.parseDouble(q) - quantile) < 1e-9) {
                return Optional.of(s.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code q} quantile of the observations between two scrapes of a cumulative histogram, interpolated
     * linearly inside the bucket (as PromQL's histogram_quantile does). Empty when no observation fell between them.
     */
    public static Optional<Double> quantileBetween(TreeMap<Double, Double> before, TreeMap<Double, Double> after,
            double q) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
        if (delta.isEmpty()) {
            return Optional.empty();
        }
        double total = delta.lastEntry().getValue();
        if (total <= 0) {
            return Optional.empty();
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : delta.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return Optional.of(lowerBound); // beyond the last finite bound: report that bound
                }
                double inBucket = bucket.getValue() - lowerCount;
                double fraction = inBucket <= 0 ? 0 : (rank - lowerCount) / inBucket;
                return Optional.of(lowerBound + (bucket.getKey() - lowerBound) * fraction);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return Optional.of(lowerBound);
    }
}
