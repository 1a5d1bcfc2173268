package dev.periscope.readiness.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.periscope.readiness.dr.KafkaSample;
import dev.periscope.readiness.dr.TimeToDataLoss;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;

/**
 * Samples the broker on a schedule (never on a request) and keeps the latest sample for the DR view, the facts and
 * {@code periscope_time_to_data_loss_seconds{group,topic}} (+Inf without time retention, NaN when unreadable).
 */
@ApplicationScoped
public class KafkaDrSampler {
    private static final Logger LOG = Logger.getLogger(KafkaDrSampler.class);

    private final KafkaDrReader reader;
    private final MultiGauge timeToDataLoss;
    private final AtomicReference<KafkaSample> latest = new AtomicReference<>();
    private final Clock clock = Clock.systemUTC();
    private volatile String lastError;

    public KafkaDrSampler(KafkaDrReader reader, MeterRegistry registry) {
        this.reader = reader;
        this.timeToDataLoss = MultiGauge.builder("periscope.time.to.data.loss.seconds")
                .description("Seconds until a consumer group loses unread records to the topic's retention")
                .register(registry);
    }

    @Scheduled(every = "${periscope.readiness.dr.kafka.sample-every:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        KafkaSample sample = reader.sample(clock.instant());
        latest.set(sample);
        if (sample.error() != null && !sample.error().equals(lastError)) {
            LOG.warnf("kafka DR sample incomplete: %s", sample.error());
        }
        lastError = sample.error();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (TimeToDataLoss t : sample.timeToDataLoss()) {
            rows.add(MultiGauge.Row.of(Tags.of("group", t.group(), "topic", t.topic()), t.gaugeValue()));
        }
        timeToDataLoss.register(rows, true);
    }

    /** The latest sample, empty before the first. */
    public Optional<KafkaSample> latest() {
        return Optional.ofNullable(latest.get());
    }
}
