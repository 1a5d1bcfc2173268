package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MongoTopologyTest {
    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of(Map.of("isWritablePrimary", true, "setName", "rs0", "hosts", java.util.List.of("a:27017")),
                        "replica_set", "rs0", true),
                Arguments.of(Map.of("secondary", true, "setName", "rs-prod"), "replica_set", "rs-prod", true),
                Arguments.of(Map.of("isWritablePrimary", true, "msg", "isdbgrid"), "sharded", "", false),
                Arguments.of(Map.of("isWritablePrimary", true, "maxWireVersion", 21), "standalone", "", false),
                Arguments.of(Map.of("ismaster", true, "setName", ""), "standalone", "", false),
                Arguments.of(Map.of("setName", 42), "standalone", "", false),
                Arguments.of(Map.of(), "standalone", "", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("replies")
    void setNameMakesAReplicaSet(Map<String, ?> reply, String kind, String setName, boolean replicaSet) {
        MongoTopology topology = MongoTopology.fromHello(reply);

        assertThat(topology.kind()).isEqualTo(kind);
        assertThat(topology.setName()).isEqualTo(setName);
        assertThat(topology.replicaSet()).isEqualTo(replicaSet);
    }
}
