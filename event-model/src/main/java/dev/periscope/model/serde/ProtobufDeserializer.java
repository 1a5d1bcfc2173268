package dev.periscope.model.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

/**
 * Parses protobuf bytes; bytes that are not a valid message fail with a {@link SerializationException} naming the
 * topic, so a consumer's failure handler can dead-letter the record instead of crashing.
 */
public abstract class ProtobufDeserializer<T extends MessageLite> implements Deserializer<T> {
    private final Parser<T> parser;

    protected ProtobufDeserializer(Parser<T> parser) {
        this.parser = parser;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return parser.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("malformed protobuf on " + topic + " (" + data.length + " bytes): "
                    + e.getMessage(), e);
        }
    }
}
