package dev.periscope.readiness.dr.config;

import java.io.IOException;
import java.util.Locale;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.periscope.readiness.dr.BackupTrigger;
import dev.periscope.readiness.dr.DataLossState;
import dev.periscope.readiness.dr.StoreRole;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** DR values in JSON in lower case like the checklist's: {@code system_of_record}, {@code at_risk}, {@code drill}. */
@Singleton
public class DrJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("periscope-dr");
        module.addSerializer(StoreRole.class, lowercase());
        module.addSerializer(DataLossState.class, lowercase());
        module.addSerializer(BackupTrigger.class, lowercase());
        mapper.registerModule(module);
    }

    private static <E extends Enum<E>> JsonSerializer<E> lowercase() {
        return new JsonSerializer<>() {
            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        };
    }
}
