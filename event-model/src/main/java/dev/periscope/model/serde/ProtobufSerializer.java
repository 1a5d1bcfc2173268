package dev.periscope.model.serde;

import org.apache.kafka.common.serialization.Serializer;

import com.google.protobuf.MessageLite;

/** Serializes any generated message to its protobuf bytes; a null value stays null (a tombstone). */
public class ProtobufSerializer<T extends MessageLite> implements Serializer<T> {
    @Override
    public byte[] serialize(String topic, T value) {
        return value == null ? null : value.toByteArray();
    }
}
