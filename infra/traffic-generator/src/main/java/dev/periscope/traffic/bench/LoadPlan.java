package dev.periscope.traffic.bench;

import java.util.ArrayList;
import java.util.List;

import dev.periscope.traffic.AlsStream;
import dev.periscope.traffic.DemoTraffic;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

/**
 * Pre-serialized ALS messages for the benchmark, built from {@link DemoTraffic}'s realistic mix: per Envoy node, the
 * identifier-bearing first message of a stream and a pool of identifier-less messages of exactly {@code batch} HTTP
 * entries each, which a stream cycles through for as long as the run lasts. Same options, same bytes.
 */
public record LoadPlan(int batch, List<Node> nodes) {
    public LoadPlan {
        nodes = List.copyOf(nodes);
    }

    /** One Envoy node: {@code first} carries the identifier and a full batch; {@code pool} batches only. */
    public record Node(String nodeId, byte[] first, List<byte[]> pool) {
        public Node {
            pool = List.copyOf(pool);
        }
    }

    /**
     * @param batch          HTTP entries per message (Envoy's buffer flush; 100 in the benchmark)
     * @param poolPerNode    distinct messages per node (they repeat; more makes the mix less repetitive)
     * @param seed           randomness of the mix
     * @param projectSuffix  appended to every project id, so benchmark events are recognisable downstream
     */
    public static LoadPlan build(int batch, int poolPerNode, long seed, String projectSuffix) {
        if (batch < 1 || poolPerNode < 1) {
            throw new IllegalArgumentException("batch and pool size must be >= 1");
        }
        int nodes = 4; // DemoTraffic's four nodes; stream i uses node i mod 4
        // +1 message per node so the first (identifier) message is extra; +1 entry for DemoTraffic's TCP entry
        DemoTraffic.Plan plan = DemoTraffic.build(DemoTraffic.Options.defaults()
                .withSeed(seed)
                .withStreams(nodes)
                .withBatchSize(batch)
                .withEntries(nodes * batch * (poolPerNode + 1) + 1)
                .withProjectSuffix(projectSuffix)
                .withLogName("periscope-bench"));
        List<Node> result = new ArrayList<>();
        for (AlsStream stream : plan.streams()) {
            byte[] first = null;
            List<byte[]> pool = new ArrayList<>();
            for (StreamAccessLogsMessage message : stream.messages()) {
                if (message.getHttpLogs().getLogEntryCount() != batch) {
                    continue; // the TCP-only message and a partial last batch
                }
                if (message.hasIdentifier()) {
                    first = message.toByteArray();
                    pool.add(message.toBuilder().clearIdentifier().build().toByteArray());
                } else if (pool.size() < poolPerNode) {
                    pool.add(message.toByteArray());
                }
            }
            if (first == null || pool.isEmpty()) {
                throw new IllegalStateException("no full first batch for " + stream.nodeId());
            }
            result.add(new Node(stream.nodeId(), first, pool));
        }
        return new LoadPlan(batch, result);
    }

    /** Mean serialized size of the pool messages. */
    public double meanMessageBytes() {
        long bytes = 0;
        long count = 0;
        for (Node node : nodes) {
            for (byte[] message : node.pool()) {
                bytes += message.length;
                count++;
            }
        }
        return count == 0 ? 0 : (double) bytes / count;
    }
}
