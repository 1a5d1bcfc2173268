package dev.periscope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.periscope.enricher.enrich.threatintel.FeedParser;
import dev.periscope.enricher.enrich.threatintel.FeedParser.ParsedFeed;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelFeeds;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelFeeds.Feed;
import dev.periscope.model.config.CidrBlock;

/**
 * The enricher's threat-intel matcher with a feed of 1,000,000 random IPv4 CIDRs (60 % /32, 30 % /24, the rest
 * /28 to /16, as block lists are) next to two small feeds: how long one feed takes to parse and compile (what a
 * poll does when the feed changed), and lookups per second of the compiled feeds — from bytes, and from the address
 * text as the stage does it. Probes: 10,000 addresses, half of them inside entries of the big feed, half random.
 */
@State(Scope.Benchmark)
public class ThreatIntelBenchmark {
    static final int FEED_SIZE = 1_000_000;
    /** Per 1,000 entries: 600 hosts (/32), 300 /24, 80 /28, 19 /20, 1 /16. */
    private static int prefix(Random random) {
        int draw = random.nextInt(1_000);
        return draw < 600 ? 32 : draw < 900 ? 24 : draw < 980 ? 28 : draw < 999 ? 20 : 16;
    }

    private String bigFeedText;
    private ThreatIntelFeeds feeds;
    private byte[][] probes;
    private String[] probeTexts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bigFeedText = randomFeed(new Random(7), FEED_SIZE);
        ParsedFeed big = FeedParser.parse(bigFeedText);
        ParsedFeed tor = FeedParser.parse(randomFeed(new Random(8), 2_000));
        ParsedFeed abuse = FeedParser.parse("2001:db8::/32\n203.0.113.0/24\n198.51.100.7");
        feeds = new ThreatIntelFeeds(List.of(new Feed("big_blocklist", big.ranges(), big.entries(), 0, "v1"),
                new Feed("tor_exits", tor.ranges(), tor.entries(), 0, "v1"),
                new Feed("abuse", abuse.ranges(), abuse.entries(), 0, "v1")));
        Random random = new Random(9);
        probes = new byte[10_000][];
        probeTexts = new String[probes.length];
        String[] lines = bigFeedText.split("\n");
        for (int i = 0; i < probes.length; i++) {
            probeTexts[i] = i % 2 == 0 ? lines[1 + random.nextInt(lines.length - 1)].split("/")[0]
                    : (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                            + random.nextInt(256);
            probes[i] = CidrBlock.parseAddress(probeTexts[i]);
        }
        System.out.printf("%n1M feed: %d entries -> %d disjoint IPv4 ranges (%.1f MB of arrays); probes hitting: %d"
                + " of %d%n", big.entries(), big.ranges().ipv4Ranges(), big.ranges().ipv4Ranges() * 16 / 1e6,
                hits(), probes.length);
    }

    static String randomFeed(Random random, int size) {
        StringBuilder text = new StringBuilder(size * 20).append("# generated block list\n");
        for (int i = 0; i < size; i++) {
            int prefix = prefix(random);
            text.append(1 + random.nextInt(223)).append('.').append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256)).append('.').append(random.nextInt(256)).append('/').append(prefix)
                    .append('\n');
        }
        return text.toString();
    }

    private int hits() {
        int hits = 0;
        for (byte[] probe : probes) {
            if (feeds.matchingFeeds(probe) != null) {
                hits++;
            }
        }
        return hits;
    }

    /** Parse and compile the 1M-CIDR feed (text of ≈ 17 MB). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ParsedFeed load() {
        return FeedParser.parse(bigFeedText);
    }

    /** One lookup in all three feeds from address bytes. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String lookup() {
        byte[] probe = probes[next];
        next = next + 1 == probes.length ? 0 : next + 1;
        return feeds.matchingFeeds(probe);
    }

    /** Parse the address text, then look it up (the stage's work without the event). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String lookupFromText() {
        String probe = probeTexts[next];
        next = next + 1 == probeTexts.length ? 0 : next + 1;
        return feeds.matchingFeeds(CidrBlock.parseAddress(probe));
    }

    /**
     * The same work timed by the thread's own CPU time, which stays meaningful when other processes share the
     * cores: {@code java -cp infra/jmh/target/benchmarks.jar dev.periscope.bench.ThreatIntelBenchmark [seconds]}.
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ThreatIntelBenchmark bench = new ThreatIntelBenchmark();
        bench.setUp();
        for (int i = 0; i < 3; i++) {
            bench.load(); // warm-up
        }
        int loads = 5;
        long loadStart = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < loads; i++) {
            bench.load();
        }
        double loadCpuMs = (cpu.getCurrentThreadCpuTime() - loadStart) / 1e6 / loads;
        long sink = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sink += bench.lookupFromText() == null ? 0 : 1; // warm-up
        }
        long lookups = 0;
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long cpuBudget = (long) (seconds * 1e9);
        while (cpu.getCurrentThreadCpuTime() - cpuStart < cpuBudget) {
            for (int i = 0; i < 100_000; i++) {
                sink += bench.lookupFromText() == null ? 0 : 1;
            }
            lookups += 100_000;
        }
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("load of the 1M-CIDR feed: %.0f ms CPU; lookups (text -> 3 feeds): %.0f per CPU-second "
                + "(%.0f ns each; %d hits)%n", loadCpuMs, lookups / cpuSeconds, cpuSeconds * 1e9 / lookups, sink);
    }
}
