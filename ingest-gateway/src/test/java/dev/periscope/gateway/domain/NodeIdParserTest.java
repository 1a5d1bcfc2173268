package dev.periscope.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdParserTest {

    @Test
    void parsesListenerProjectAndIp() {
        assertThat(NodeIdParser.parse("public-edge::acme-prod::10.0.1.42"))
                .contains(new NodeIdParser.NodeId("public-edge", "acme-prod", "10.0.1.42"));
    }

    @Test
    void ipIsOptional() {
        assertThat(NodeIdParser.parse("internal-mesh::acme-prod"))
                .contains(new NodeIdParser.NodeId("internal-mesh", "acme-prod", ""));
    }

    @Test
    void ipMayBeACompressedIpv6Address() {
        assertThat(NodeIdParser.parse("edge::acme::2001:db8::1"))
                .contains(new NodeIdParser.NodeId("edge", "acme", "2001:db8::1"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"just-a-name", "edge:acme", "::acme", "edge::", "edge::::10.0.0.1", " ::acme",
        "edge::ac me", "edge::acme::", "edge::acme:: ", "edge::acme::10.0.0.1 x", "edge:x::acme"})
    void rejectsMalformedNodeIds(String nodeId) {
        assertThat(NodeIdParser.parse(nodeId)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000::\u0001", "edge\u0000::acme", "edge::acme\u001b[31m", "edge::acme::10.0.0.1\u0007",
        "edge::ac\u200bme", "edge\u202e::acme", "edge::acme\u0085"})
    void rejectsControlAndInvisibleCharacters(String nodeId) {
        assertThat(NodeIdParser.parse(nodeId)).isEmpty();
    }

    @Test
    void rejectsAbsurdlyLongNodeIds() {
        assertThat(NodeIdParser.parse("edge::" + "a".repeat(NodeIdParser.MAX_LENGTH))).isEmpty();
    }
}
