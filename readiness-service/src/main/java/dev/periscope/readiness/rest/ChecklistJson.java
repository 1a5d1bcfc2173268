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
import io.quarkus.jackson.ObjectMapperCustomizer;

/** Checklist values in JSON as the docs spell them: {@code pass}, {@code blocked}, {@code fleet}, section slugs. */
@Singleton
public class ChecklistJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("periscope-checklist");
        module.addSerializer(ItemStatus.class, lowercase());
        module.addSerializer(Verdict.class, lowercase());
        module.addSerializer(Severity.class, lowercase());
        module.addSerializer(Scope.class, lowercase());
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
