package dev.periscope.gateway.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Test tokens: compact JWS strings built from literal JSON (signatures are fake; nothing verifies them). */
public final class Tokens {
    private Tokens() {
    }

    public static String jwt(String payloadJson) {
        return part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(payloadJson) + ".c2lnLVNFQ1JFVC1zaWduYXR1cmU";
    }

    public static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }
}
