package dev.periscope.eventwriter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.periscope.eventwriter.mapping.AccessEventRowMapper;
import dev.periscope.eventwriter.mapping.StoragePolicy;
import dev.periscope.eventwriter.writer.RowBinaryEncoder;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * Rows/s of AccessEvent → RowBinary (the mapper plus the encoder, one thread), for a batch of 1000 realistic enriched
 * events. Run: see event-writer/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowEncodingBenchmark {
    private static final int ROWS = 1000;
    private final StoragePolicy policy = StoragePolicy.hashesOnly();
    private List<AccessEvent> events;

    @Setup
    public void events() {
        events = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            events.add(AccessEvents.enriched("project-" + (i % 5), i % 3 == 0 ? "POST" : "GET",
                    "/api/v1/orders/{id}/items", i % 20 == 0 ? 500 : 200)
                    .setDurationMs(3.5 + i).setResponseBytes(1000L + i).setConsumerHash("aaaabbbbccccdddd")
                    .addRiskFlags("missing_hsts").addEndpointCategories("data_export")
                    .putTags("geo.country", "NL").putTags("ua.class", "browser").putTags("geo.city", "Amsterdam")
                    .addQueryParamNames("page").setTlsVersion("TLSv1.3").setTlsSni("api.example.test")
                    .setConfirmed(true).setRouteName("orders").setUpstreamCluster("orders-svc").build());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int encodeRows() {
        RowBinaryEncoder out = new RowBinaryEncoder(ROWS * 512);
        for (AccessEvent event : events) {
            AccessEventRowMapper.write(event, 1, policy, out);
        }
        return out.size();
    }
}
