package dev.periscope.model.serde;

import dev.periscope.model.v1.AccessEvent;

public class AccessEventSerializer extends ProtobufSerializer<AccessEvent> {
}
