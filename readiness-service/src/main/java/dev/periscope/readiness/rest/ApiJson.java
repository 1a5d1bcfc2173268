package dev.periscope.readiness.rest;

import java.io.IOException;
import java.util.Locale;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.periscope.readiness.checklist.ItemStatus;
import dev.periscope.readiness.checklist.Scope;
import dev.periscope.readiness.checklist.Section;
import dev.periscope.readiness.checklist.Severity;
import dev.periscope.readiness.checklist.Verdict;
import dev.periscope.readiness.dr.BackupTrigger;
import dev.periscope.readiness.dr.DataLossState;
import dev.periscope.readiness.dr.StoreRole;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Enum values in JSON as the docs spell them: checklist {@code pass}, {@code blocked}, {@code fleet}, section slugs;
 * DR {@code system_of_record}, {@code at_risk}, {@code drill}.
 */
@Singleton
public class ApiJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("periscope-readiness");
        module.addSerializer(ItemStatus.class, lowercase());
        module.addSerializer(Verdict.class, lowercase());
        module.addSerializer(Severity.class, lowercase());
        module.addSerializer(Scope.class, lowercase());
        module.addSerializer(StoreRole.class, lowercase());
        module.addSerializer(DataLossState.class, lowercase());
        module.addSerializer(BackupTrigger.class, lowercase());
        module.addSerializer(Section.class, new JsonSerializer<>() {
            @Override
            public void serialize(Section value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.slug());
            }
        });
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
