package dev.periscope.bench;

import java.util.ArrayList;
import java.util.List;

import dev.periscope.gateway.domain.NodeIdParser;
import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.model.HashSalt;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.traffic.AlsStream;
import dev.periscope.traffic.DemoTraffic;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

/**
 * A realistic mix of raw events, as the enricher receives them: the demo's Envoy traffic (REST, gRPC, scanners,
 * probes, auth schemes, errors) mapped by the gateway's own mapper with its default privacy policy.
 */
public final class RawEventMix {
    static final String SALT = "jmh-benchmark-salt-5d1c9a7e3b";

    private RawEventMix() {
    }

    public static List<AccessEvent> build(int entries) {
        DemoTraffic.Plan plan = DemoTraffic.build(DemoTraffic.Options.defaults().withEntries(entries).withStreams(4));
        AccessLogEntryMapper mapper = new AccessLogEntryMapper("jmh", PrivacyPolicy.defaults(),
                RotatingHasher.of(HashSalt.parse(SALT), "jmh"));
        List<AccessEvent> events = new ArrayList<>(entries);
        for (AlsStream stream : plan.streams()) {
            NodeIdParser.NodeId node = NodeIdParser.parse(stream.nodeId()).orElseThrow();
            StreamIdentity identity = new StreamIdentity(node.listener(), node.project(), node.ip(), stream.logName());
            for (StreamAccessLogsMessage message : stream.messages()) {
                for (HTTPAccessLogEntry entry : message.getHttpLogs().getLogEntryList()) {
                    events.add(mapper.map(entry, identity, 1_700_000_000_000L));
                }
            }
        }
        return events;
    }
}
