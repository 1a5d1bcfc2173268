package dev.periscope.traffic;

import java.time.Duration;
import java.util.Map;

/**
 * {@code java -jar traffic-generator.jar --target 127.0.0.1:18090 --entries 3000 --streams 4 [--seed 42]
 * [--batch 50] [--log-name periscope] [--project-suffix -run1] [--timeout 60s] [--dry-run]}
 * <p>
 * Streams the demo mix to an ALS v3 server and prints one line per project plus a total. Exit code 0 when every
 * stream was acknowledged, 1 when sending failed, 2 on bad arguments.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        String target = "127.0.0.1:18090";
        DemoTraffic.Options options = DemoTraffic.Options.defaults();
        Duration timeout = Duration.ofSeconds(60);
        boolean dryRun = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--target" -> target = value(args, ++i, arg);
                    case "--entries" -> options = options.withEntries(Integer.parseInt(value(args, ++i, arg)));
                    case "--streams" -> options = options.withStreams(Integer.parseInt(value(args, ++i, arg)));
                    case "--seed" -> options = options.withSeed(Long.parseLong(value(args, ++i, arg)));
                    case "--batch" -> options = options.withBatchSize(Integer.parseInt(value(args, ++i, arg)));
                    case "--log-name" -> options = options.withLogName(value(args, ++i, arg));
                    case "--project-suffix" -> options = options.withProjectSuffix(value(args, ++i, arg));
                    case "--timeout" -> timeout = Duration.parse("PT" + value(args, ++i, arg).toUpperCase());
                    case "--dry-run" -> dryRun = true;
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("traffic-generator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }

        DemoTraffic.Plan plan;
        try {
            plan = DemoTraffic.build(options);
        } catch (IllegalArgumentException e) {
            System.err.println("traffic-generator: " + e.getMessage());
            System.exit(2);
            return;
        }
        DemoTraffic.Summary summary = plan.summary();
        String verb = dryRun ? "would send" : "sent";
        if (!dryRun) {
            try (EnvoyAlsClient client = EnvoyAlsClient.connect(target)) {
                EnvoyAlsClient.SendResult result = client.send(plan.streams(), timeout);
                System.out.printf("ALS %s: %d streams, %d messages, %d entries acknowledged in %d ms%n", target,
                        result.streams(), result.messages(), result.entries(), result.elapsed().toMillis());
            } catch (RuntimeException e) {
                System.err.println("traffic-generator: " + e.getMessage());
                System.exit(1);
                return;
            }
        }
        for (Map.Entry<String, Integer> project : summary.entriesByProject().entrySet()) {
            System.out.printf("project %-24s %s %5d entries, %3d health probes, %3d distinct paths%n",
                    project.getKey(), verb, project.getValue(),
                    summary.healthProbesByProject().getOrDefault(project.getKey(), 0),
                    summary.distinctPathsByProject().getOrDefault(project.getKey(),
                            java.util.Collections.emptySortedSet()).size());
        }
        System.out.printf("total %s %d entries in %d streams / %d messages; protocols %s; status %s; grpc %d (%d errors);"
                + " tcp %d%n", verb, summary.totalEntries(), summary.streams(), summary.messages(),
                summary.entriesByProtocol(), summary.entriesByStatusClass(), summary.grpcCalls(), summary.grpcErrors(),
                summary.tcpEntries());
        System.out.printf("health probes %d: the default runtime config drops them at the gateway"
                + " (ingest_deny_patterns), so %d entries are expected in the topics and stores%n",
                summary.healthProbes(), summary.storedEntries());
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index];
    }

    private static String usage() {
        return "usage: java -jar traffic-generator.jar [--target host:port] [--entries N] [--streams N] [--seed N]"
                + " [--batch N] [--log-name NAME] [--project-suffix SUFFIX] [--timeout 60s] [--dry-run]";
    }
}
