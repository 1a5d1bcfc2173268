package dev.periscope.traffic.bench;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/**
 * Closed-loop ALS load for the gateway benchmark. {@code streams} concurrent ALS streams, each on its own connection
 * (as each Envoy worker has its own), send pre-serialized batches of {@code batch} realistic entries
 * ({@link LoadPlan}) whenever gRPC flow control lets them ({@link StreamDriver}) for a warm-up plus a measured window,
 * then half-close and wait until the server closed every stream.
 * <p>
 * Figures come from the server's Prometheus endpoint, scraped before the run, at both ends of the window and after
 * the drain: entries received / published / dropped by reason per second of the window, and the per-message handling
 * time from {@code periscope_event_processing_duration_seconds} when the server exposes it (else only the client-side
 * send → ready latency, which is always reported too). Accounting over the whole run: sent = received and
 * received = published + dropped, after waiting (bounded) for the server's queue to drain.
 * With {@code --pid}, the server's VmHWM / VmRSS are read from {@code /proc/PID/status} at the end of the window.
 * <p>
 * {@code java -cp traffic-generator.jar dev.periscope.traffic.bench.GatewayLoad --target 127.0.0.1:28090
 * --metrics http://127.0.0.1:28091/metrics [--pid PID] [--streams 8] [--batch 100] [--warmup 10s] [--duration 60s]
 * [--drain-timeout 60s] [--label gateway] [--out result.properties]}
 */
public final class GatewayLoad {
    static final String FALLBACK_LATENCY = "client send->ready";

    /** What to run. {@code metrics} and {@code pid} may be null. */
    public record Settings(String host, int port, int streams, int batch, int poolPerNode, Duration warmup,
            Duration duration, URI metrics, Long pid, Duration drainTimeout, long seed, String projectSuffix,
            String label) {
        public static Settings defaults() {
            return new Settings("127.0.0.1", 28090, 8, 100, 20, Duration.ofSeconds(10), Duration.ofSeconds(60),
                    null, null, Duration.ofSeconds(60), 42L, "-bench", "gateway");
        }
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayLoad(Settings settings) {
        this.settings = settings;
    }

    /** Runs the load and returns the figures as ordered key/value pairs (also the {@code --out} file's content). */
    public Map<String, String> run() throws IOException, InterruptedException {
        LoadPlan plan = LoadPlan.build(settings.batch(), settings.poolPerNode(), settings.seed(),
                settings.projectSuffix());
        PromSnapshot m0 = scrape();
        List<ManagedChannel> channels = new ArrayList<>();
        List<StreamDriver> drivers = new ArrayList<>();
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (int i = 0; i < settings.streams(); i++) {
                ManagedChannel channel = NettyChannelBuilder.forAddress(settings.host(), settings.port())
                        .usePlaintext()
                        .build();
                channels.add(channel);
                drivers.add(new StreamDriver(channel, plan.nodes().get(i % plan.nodes().size()), plan.batch()));
            }
            drivers.forEach(StreamDriver::start);
            sleepWatching(drivers, settings.warmup());

            long s1 = System.nanoTime();
            PromSnapshot m1 = scrape();
            long t1 = (s1 + System.nanoTime()) / 2;
            StreamDriver.Counts c1 = counts(drivers);
            drivers.forEach(d -> d.recording(true));
            String load1 = loadAverage();
            double cpu1 = settings.pid() == null ? Double.NaN : procCpuSeconds(settings.pid());
            Map<String, Double> threads1 = settings.pid() == null ? Map.of() : threadCpuSeconds(settings.pid());

            sleepWatching(drivers, settings.duration());

            long s2 = System.nanoTime();
            PromSnapshot m2 = scrape();
            long t2 = (s2 + System.nanoTime()) / 2;
            StreamDriver.Counts c2 = counts(drivers);
            drivers.forEach(d -> d.recording(false));
            String load2 = loadAverage();
            double cpu2 = settings.pid() == null ? Double.NaN : procCpuSeconds(settings.pid());
            Map<String, Double> threads2 = settings.pid() == null ? Map.of() : threadCpuSeconds(settings.pid());
            Map<String, Long> memory = settings.pid() == null ? Map.of() : procMemory(settings.pid());

            drivers.forEach(StreamDriver::stop);
            long closeDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
            List<String> closeProblems = new ArrayList<>();
            for (StreamDriver driver : drivers) {
                long left = Math.max(1, closeDeadline - System.nanoTime());
                try {
                    Status status = driver.finished().get(left, TimeUnit.NANOSECONDS);
                    if (!status.isOk()) {
                        closeProblems.add(status.getCode() + " " + status.getDescription());
                    }
                } catch (Exception e) {
                    closeProblems.add("not closed by the server: " + e);
                }
            }
            StreamDriver.Counts total = counts(drivers);
            PromSnapshot m3 = awaitDrained(m0, total.entries(), closeDeadline);

            double window = (t2 - t1) / 1e9;
            StreamDriver.Counts sentWindow = c2.minus(c1);
            double received = delta(m1, m2, PromSnapshot.RECEIVED);
            double published = delta(m1, m2, PromSnapshot.PUBLISHED);
            double dropped = delta(m1, m2, PromSnapshot.DROPPED);

            out.put("label", settings.label());
            out.put("target", settings.host() + ":" + settings.port());
            out.put("streams", Integer.toString(settings.streams()));
            out.put("batch", Integer.toString(plan.batch()));
            out.put("mean_message_bytes", fmt(plan.meanMessageBytes()));
            out.put("warmup_s", fmt(settings.warmup().toMillis() / 1000.0));
            out.put("window_s", fmt(window));
            out.put("loadavg_window_start", load1);
            out.put("loadavg_window_end", load2);
            out.put("sent_messages_per_s", fmt(sentWindow.messages() / window));
            out.put("sent_entries_per_s", fmt(sentWindow.entries() / window));
            out.put("sent_mib_per_s", fmt(sentWindow.bytes() / window / (1024 * 1024)));
            out.put("metrics", settings.metrics() == null ? "none" : settings.metrics().toString());
            out.put("received_per_s", fmt(received / window));
            out.put("published_per_s", fmt(published / window));
            out.put("accepted_per_s", fmt((received - dropped) / window));
            out.put("dropped_window", fmt(dropped));
            out.put("dropped_window_by_reason", reasons(m1, m2));
            latency(out, m1, m2, drivers);
            memory.forEach((k, v) -> out.put(k, Long.toString(v)));
            if (cpu2 - cpu1 > 0) {
                // the server's own CPU (all its threads: JIT and GC included), independent of what else runs
                out.put("server_cpu_cores", fmt((cpu2 - cpu1) / window));
                if (received > 0) {
                    out.put("server_cpu_us_per_entry", fmt((cpu2 - cpu1) * 1e6 / received));
                    out.put("server_cpu_us_per_entry_by_thread", perEntryByThread(threads1, threads2, received));
                }
            }

            double receivedTotal = delta(m0, m3, PromSnapshot.RECEIVED);
            double publishedTotal = delta(m0, m3, PromSnapshot.PUBLISHED);
            double droppedTotal = delta(m0, m3, PromSnapshot.DROPPED);
            out.put("sent_total", Long.toString(total.entries()));
            out.put("received_total", fmt(receivedTotal));
            out.put("published_total", fmt(publishedTotal));
            out.put("dropped_total", fmt(droppedTotal));
            out.put("dropped_total_by_reason", reasons(m0, m3));
            out.put("unaccounted_sent_minus_received", fmt(total.entries() - receivedTotal));
            out.put("unaccounted_received_minus_published_dropped",
                    fmt(receivedTotal - publishedTotal - droppedTotal));
            boolean accounted = settings.metrics() != null && total.entries() == Math.round(receivedTotal)
                    && Math.round(receivedTotal) == Math.round(publishedTotal + droppedTotal);
            out.put("all_accounted", Boolean.toString(accounted));
            out.put("stream_reopens", Integer.toString(drivers.stream().mapToInt(StreamDriver::reopens).sum()));
            out.put("close_problems", closeProblems.isEmpty() ? "none" : String.join("; ", closeProblems));
            return out;
        } finally {
            for (ManagedChannel channel : channels) {
                channel.shutdownNow();
            }
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private void latency(Map<String, String> out, PromSnapshot m1, PromSnapshot m2, List<StreamDriver> drivers) {
        long[] client = drivers.stream().map(StreamDriver::latencies).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(client);
        out.put("client_send_ready_samples", Integer.toString(client.length));
        out.put("client_send_ready_p50_ms", fmt(percentile(client, 0.50) / 1e6));
        out.put("client_send_ready_p99_ms", fmt(percentile(client, 0.99) / 1e6));

        TreeMap<Double, Double> before = m1.buckets(PromSnapshot.PROCESSING);
        TreeMap<Double, Double> after = m2.buckets(PromSnapshot.PROCESSING);
        Optional<Double> p50 = PromSnapshot.quantileBetween(before, after, 0.50);
        Optional<Double> p99 = PromSnapshot.quantileBetween(before, after, 0.99);
        String source;
        if (p50.isPresent() && p99.isPresent()) {
            source = "server " + PromSnapshot.PROCESSING + " (histogram, window)";
        } else {
            p50 = m2.summaryQuantile(PromSnapshot.PROCESSING, 0.50);
            p99 = m2.summaryQuantile(PromSnapshot.PROCESSING, 0.99);
            source = p50.isPresent() && p99.isPresent() ? "server " + PromSnapshot.PROCESSING + " (summary quantiles)"
                    : null;
        }
        if (source != null) {
            String meaning = m2.help(PromSnapshot.PROCESSING).orElse("");
            out.put("handling_source", source + (meaning.isEmpty() ? "" : ": " + meaning));
            out.put("handling_p50_ms", fmt(p50.get() * 1000));
            out.put("handling_p99_ms", fmt(p99.get() * 1000));
        } else {
            out.put("handling_source", FALLBACK_LATENCY);
            out.put("handling_p50_ms", out.get("client_send_ready_p50_ms"));
            out.put("handling_p99_ms", out.get("client_send_ready_p99_ms"));
        }
        double count = delta(m1, m2, PromSnapshot.PROCESSING + "_count");
        if (count > 0) {
            out.put("handling_mean_ms", fmt(delta(m1, m2, PromSnapshot.PROCESSING + "_sum") / count * 1000));
        }
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private PromSnapshot awaitDrained(PromSnapshot m0, long sent, long deadline)
            throws IOException, InterruptedException {
        PromSnapshot last = scrape();
        if (settings.metrics() == null) {
            return last;
        }
        while (System.nanoTime() < deadline) {
            double received = delta(m0, last, PromSnapshot.RECEIVED);
            double settled = delta(m0, last, PromSnapshot.PUBLISHED) + delta(m0, last, PromSnapshot.DROPPED);
            if (Math.round(received) >= sent && Math.round(settled) >= Math.round(received)) {
                return last;
            }
            Thread.sleep(200);
            last = scrape();
        }
        return last;
    }

    private void sleepWatching(List<StreamDriver> drivers, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            for (StreamDriver driver : drivers) {
                if (driver.finished().isDone()) {
                    throw new IllegalStateException("stream gave up after repeated closes by the server: "
                            + driver.lastUnexpectedClose());
                }
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
        }
    }

    private PromSnapshot scrape() throws IOException, InterruptedException {
        return settings.metrics() == null ? PromSnapshot.empty() : PromSnapshot.scrape(http, settings.metrics());
    }

    private static StreamDriver.Counts counts(List<StreamDriver> drivers) {
        StreamDriver.Counts sum = new StreamDriver.Counts(0, 0, 0);
        for (StreamDriver driver : drivers) {
            sum = sum.plus(driver.counts());
        }
        return sum;
    }

    private static double delta(PromSnapshot from, PromSnapshot to, String name) {
        return to.sum(name) - from.sum(name);
    }

    private static String reasons(PromSnapshot from, PromSnapshot to) {
        Map<String, Double> before = from.sumBy(PromSnapshot.DROPPED, "reason");
        StringBuilder out = new StringBuilder();
        to.sumBy(PromSnapshot.DROPPED, "reason").forEach((reason, value) -> {
            double d = value - before.getOrDefault(reason, 0.0);
            if (d != 0) {
                out.append(out.length() == 0 ? "" : ",").append(reason).append('=').append(fmt(d));
            }
        });
        return out.length() == 0 ? "none" : out.toString();
    }

    /** VmHWM (peak) and VmRSS of a process, in KiB, from /proc/PID/status. */
    static Map<String, Long> procMemory(long pid) {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
                    String[] parts = line.split("\\s+");
                    out.put(line.startsWith("VmHWM:") ? "rss_peak_kib" : "rss_kib", Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            out.put("rss_peak_kib", -1L);
        }
        return out;
    }

    /**
     * User + system CPU seconds a process has used so far (all threads), from /proc/PID/stat; NaN when unreadable.
     * Assumes the usual 100 clock ticks per second (USER_HZ on Linux).
     */
    static double procCpuSeconds(long pid) {
        try {
            return statCpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime of a /proc/.../stat file, in seconds (USER_HZ = 100). */
    private static double statCpuSeconds(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * CPU seconds per thread group of a process so far: {@code /proc/PID/task/TID/comm} with trailing numbers
     * removed ({@code vert.x-eventloop-thread-3} and {@code -5} are one group), summed. A thread that ended between two
     * readings takes its time with it; the all-threads figure ({@link #procCpuSeconds}) still has it.
     */
    static Map<String, Double> threadCpuSeconds(long pid) {
        Map<String, Double> groups = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    groups.merge(threadGroup(name), statCpuSeconds(task.resolve("stat")), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read it
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return groups;
    }

    static String threadGroup(String threadName) {
        return threadName.replaceAll("[\\s#_-]*[0-9]+$", "").replace(',', ' ').replace('=', ' ');
    }

    /** "group=µs,group=µs" per entry over the window, largest first; groups under 0.05 µs left out. */
    static String perEntryByThread(Map<String, Double> before, Map<String, Double> after, double entries) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) * 1e6 / entries))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.append(out.length() == 0 ? "" : ",").append(e.getKey()).append('=')
                        .append(String.format(Locale.ROOT, "%.2f", e.getValue())));
        return out.toString();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    // ---------------------------------------------------------------- command line

    public static void main(String[] args) throws Exception {
        Settings s = Settings.defaults();
        Path outFile = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (!arg.equals("-h") && !arg.equals("--help") && v == null) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                switch (arg) {
                    case "--target" -> {
                        int colon = v.lastIndexOf(':');
                        s = new Settings(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)), s.streams(),
                                s.batch(), s.poolPerNode(), s.warmup(), s.duration(), s.metrics(), s.pid(),
                                s.drainTimeout(), s.seed(), s.projectSuffix(), s.label());
                    }
                    case "--streams" -> s = new Settings(s.host(), s.port(), Integer.parseInt(v), s.batch(),
                            s.poolPerNode(), s.warmup(), s.duration(), s.metrics(), s.pid(), s.drainTimeout(),
                            s.seed(), s.projectSuffix(), s.label());
                    case "--batch" -> s = new Settings(s.host(), s.port(), s.streams(), Integer.parseInt(v),
                            s.poolPerNode(), s.warmup(), s.duration(), s.metrics(), s.pid(), s.drainTimeout(),
                            s.seed(), s.projectSuffix(), s.label());
                    case "--warmup" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(), s.poolPerNode(),
                            duration(v), s.duration(), s.metrics(), s.pid(), s.drainTimeout(), s.seed(),
                            s.projectSuffix(), s.label());
                    case "--duration" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(),
                            s.poolPerNode(), s.warmup(), duration(v), s.metrics(), s.pid(), s.drainTimeout(),
                            s.seed(), s.projectSuffix(), s.label());
                    case "--metrics" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(), s.poolPerNode(),
                            s.warmup(), s.duration(), URI.create(v), s.pid(), s.drainTimeout(), s.seed(),
                            s.projectSuffix(), s.label());
                    case "--pid" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(), s.poolPerNode(),
                            s.warmup(), s.duration(), s.metrics(), Long.parseLong(v), s.drainTimeout(), s.seed(),
                            s.projectSuffix(), s.label());
                    case "--drain-timeout" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(),
                            s.poolPerNode(), s.warmup(), s.duration(), s.metrics(), s.pid(), duration(v), s.seed(),
                            s.projectSuffix(), s.label());
                    case "--seed" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(), s.poolPerNode(),
                            s.warmup(), s.duration(), s.metrics(), s.pid(), s.drainTimeout(), Long.parseLong(v),
                            s.projectSuffix(), s.label());
                    case "--project-suffix" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(),
                            s.poolPerNode(), s.warmup(), s.duration(), s.metrics(), s.pid(), s.drainTimeout(),
                            s.seed(), v, s.label());
                    case "--label" -> s = new Settings(s.host(), s.port(), s.streams(), s.batch(), s.poolPerNode(),
                            s.warmup(), s.duration(), s.metrics(), s.pid(), s.drainTimeout(), s.seed(),
                            s.projectSuffix(), v);
                    case "--out" -> outFile = Path.of(v);
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
                i++;
            }
            if (s.streams() < 1 || s.batch() < 1) {
                throw new IllegalArgumentException("--streams and --batch must be >= 1");
            }
        } catch (RuntimeException e) {
            System.err.println("gateway-load: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        Map<String, String> result;
        try {
            result = new GatewayLoad(s).run();
        } catch (RuntimeException | IOException e) {
            System.err.println("gateway-load: " + e);
            System.exit(1);
            return;
        }
        StringBuilder text = new StringBuilder();
        result.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        System.out.print(text);
        if (outFile != null) {
            try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                w.write(text.toString());
            }
        }
    }

    /** {@code 60}, {@code 60s}, {@code 500ms}, {@code 2m}. */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    }

    private static String usage() {
        return "usage: java -cp traffic-generator.jar dev.periscope.traffic.bench.GatewayLoad [--target host:port]"
                + " [--metrics URL] [--pid PID] [--streams 8] [--batch 100] [--warmup 10s] [--duration 60s]"
                + " [--drain-timeout 60s] [--seed 42] [--project-suffix -bench] [--label NAME] [--out FILE]";
    }
}
