package dev.periscope.model.serde;

import dev.periscope.model.v1.AccessEvent;

public class AccessEventDeserializer extends ProtobufDeserializer<AccessEvent> {
    public AccessEventDeserializer() {
        super(AccessEvent.parser());
    }
}
