package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;

/**
 * Downstream consumers decode these messages with the field numbers and types they were released with.
 * The snapshot under {@code contract/} lists every released field; it may only grow.
 */
class ContractCompatibilityTest {
    private static final List<Descriptor> CONTRACT_MESSAGES = List.of(AccessEvent.getDescriptor(),
            HealthReport.getDescriptor(), BackendStatus.getDescriptor(), FactValue.getDescriptor());

    @Test
    void everyReleasedFieldKeepsItsNumberTypeAndCardinality() throws IOException {
        List<String> current = describe();
        List<String> released = readSnapshot();

        assertThat(current).as("fields of the current .proto files").containsAll(released);
    }

    @Test
    void releasedBytesStillDecodeToTheSameEvent() throws IOException {
        // Bytes written by the first release; decoding them must keep working for consumers reading old records.
        byte[] released;
        try (InputStream in = getClass().getResourceAsStream("/contract/access_event_v1.bin")) {
            released = in.readAllBytes();
        }

        AccessEvent event = AccessEvent.parseFrom(released);

        assertThat(event.getEventId()).isEqualTo("65f0a1b2c3d4e5f601234567");
        assertThat(event.getProjectId()).isEqualTo("acme-prod");
        assertThat(event.getPath()).isEqualTo("/users/42");
        assertThat(event.getStatusCode()).isEqualTo(200);
        assertThat(event.getGrpcStatus()).isEqualTo(0);
        assertThat(event.hasGrpcStatus()).isTrue();
        assertThat(event.getQueryParamNamesList()).containsExactly("page", "limit");
        assertThat(event.getNormalizedPath()).isEqualTo("/users/{id}");
        assertThat(event.getTagsMap()).containsEntry("ua.class", "browser");
    }

    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Descriptor message : CONTRACT_MESSAGES) {
            for (FieldDescriptor field : message.getFields()) {
                lines.add(message.getFullName() + "." + field.getName() + "=" + field.getNumber() + ":"
                        + field.getType() + (field.isRepeated() ? ":repeated" : ""));
            }
        }
        return lines;
    }

    private List<String> readSnapshot() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contract/fields-v1.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        }
    }
}
