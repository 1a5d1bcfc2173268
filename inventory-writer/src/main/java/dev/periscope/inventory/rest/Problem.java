package dev.periscope.inventory.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.periscope.inventory.rest.InventoryQueryParser.InvalidParam;

/** An RFC 9457 problem detail ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<InvalidParam> invalidParams) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem badRequest(String instance, List<InvalidParam> invalid) {
        return new Problem("https://periscope.dev/problems/invalid-parameters", "Invalid query parameters", 400,
                invalid.size() + " parameter(s) are invalid", instance, invalid);
    }

    public static Problem notFound(String instance, String detail) {
        return new Problem("about:blank", "Not Found", 404, detail, instance, List.of());
    }

    public static Problem unavailable(String instance, String detail) {
        return new Problem("https://periscope.dev/problems/store-unavailable", "Inventory store unavailable", 503,
                detail, instance, List.of());
    }
}
