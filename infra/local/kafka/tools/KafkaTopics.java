import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic helper for infra/local/kafka/ctl.sh: one JVM for the whole topic table instead of one
 * kafka-topics run per topic.
 *
 * <pre>
 *   KafkaTopics create BOOTSTRAP TABLE   create missing topics (like --if-not-exists); warn on drift
 *   KafkaTopics verify BOOTSTRAP TABLE   exit 1 unless every topic exists with its partitions/configs
 *   KafkaTopics ready  BOOTSTRAP         exit 0 if the cluster answers a metadata request
 * </pre>
 * TABLE lines: {@code name partitions [key=value ...]}; '#' starts a comment.
 */
public final class KafkaTopics {

    record Topic(String name, int partitions, Map<String, String> configs) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || (!args[0].equals("ready") && args.length < 3)) {
            System.err.println("usage: KafkaTopics create|verify BOOTSTRAP TABLE | ready BOOTSTRAP");
            System.exit(2);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "periscope-ctl");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, System.getenv().getOrDefault("KAFKA_ADMIN_TIMEOUT_MS", "30000"));
        int rc;
        try (Admin admin = Admin.create(p)) {
            rc = switch (args[0]) {
                case "create" -> create(admin, read(Path.of(args[2])));
                case "verify" -> verify(admin, read(Path.of(args[2])));
                case "ready" -> {
                    String id = admin.describeCluster().clusterId().get();
                    int nodes = admin.describeCluster().nodes().get().size();
                    System.out.println("cluster " + id + " nodes " + nodes);
                    yield nodes > 0 ? 0 : 1;
                }
                default -> {
                    System.err.println("unknown mode " + args[0]);
                    yield 2;
                }
            };
        } catch (ExecutionException e) {
            System.err.println("kafka-topics: " + args[0] + " against " + args[1] + " failed: " + e.getCause());
            rc = 1;
        }
        System.exit(rc);
    }

    static List<Topic> read(Path table) throws IOException {
        List<Topic> topics = new ArrayList<>();
        for (String raw : Files.readAllLines(table)) {
            String line = raw.replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 2) {
                throw new IllegalArgumentException("bad topic line: " + raw);
            }
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 2; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("bad config '" + f[i] + "' in: " + raw);
                }
                configs.put(f[i].substring(0, eq), f[i].substring(eq + 1));
            }
            topics.add(new Topic(f[0], Integer.parseInt(f[1]), configs));
        }
        return topics;
    }

    static int create(Admin admin, List<Topic> topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.of((short) 1)).configs(t.configs()))
                .toList();
        int rc = 0;
        if (!missing.isEmpty()) {
            CreateTopicsResult r = admin.createTopics(missing);
            for (NewTopic t : missing) {
                try {
                    r.values().get(t.name()).get();
                    System.out.println("created " + t.name() + " partitions=" + t.numPartitions() + " " + t.configs());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        System.out.println("exists  " + t.name() + " (created concurrently)");
                    } else {
                        System.err.println("failed  " + t.name() + ": " + e.getCause());
                        rc = 1;
                    }
                }
            }
        }
        List<String> present = topics.stream().map(Topic::name).filter(existing::contains).toList();
        if (!present.isEmpty()) {
            Map<String, TopicDescription> d = admin.describeTopics(present).allTopicNames().get();
            for (Topic t : topics) {
                TopicDescription td = d.get(t.name());
                if (td == null) {
                    continue;
                }
                int n = td.partitions().size();
                System.out.println("exists  " + t.name() + " partitions=" + n);
                if (n != t.partitions()) {
                    System.err.println("warning: " + t.name() + " has " + n + " partitions, table/env wants "
                            + t.partitions() + " (not changed: delete the topic or the data dir to re-create)");
                }
            }
        }
        return rc;
    }

    static int verify(Admin admin, List<Topic> topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<String> problems = new ArrayList<>();
        List<Topic> present = new ArrayList<>();
        for (Topic t : topics) {
            if (existing.contains(t.name())) {
                present.add(t);
            } else {
                problems.add(t.name() + " missing");
            }
        }
        if (!present.isEmpty()) {
            Map<String, TopicDescription> d = admin.describeTopics(present.stream().map(Topic::name).toList())
                    .allTopicNames().get();
            List<ConfigResource> res = present.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
            Map<ConfigResource, Config> cfgs = admin.describeConfigs(res).all().get();
            for (Topic t : present) {
                int n = d.get(t.name()).partitions().size();
                Config c = cfgs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
                List<String> bad = new ArrayList<>();
                for (Map.Entry<String, String> e : t.configs().entrySet()) {
                    ConfigEntry ce = c.get(e.getKey());
                    String actual = ce == null ? null : ce.value();
                    if (!e.getValue().equals(actual)) {
                        bad.add(e.getKey() + "=" + actual + " (want " + e.getValue() + ")");
                    }
                }
                System.out.println(t.name() + " partitions=" + n + " " + t.configs().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
                if (n != t.partitions()) {
                    problems.add(t.name() + " has " + n + " partitions, want " + t.partitions());
                }
                bad.forEach(b -> problems.add(t.name() + " config " + b));
            }
        }
        problems.forEach(pr -> System.err.println("verify FAILED: " + pr));
        return problems.isEmpty() ? 0 : 1;
    }
}
