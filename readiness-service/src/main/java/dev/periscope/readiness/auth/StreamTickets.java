package dev.periscope.readiness.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed tickets for the server-sent-events stream, which a browser's EventSource opens without
 * headers: {@code base64url(tokenId|expiryEpochSecond).base64url(HMAC-SHA256)}. The key is random per process, so
 * a ticket is worthless after a restart and on another replica; it names the token id (never the token) and only
 * opens the stream (read scope).
 */
public final class StreamTickets {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    public StreamTickets(byte[] key, Duration ttl, Clock clock) {
        this.key = key.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    public static StreamTickets withRandomKey(Duration ttl, Clock clock) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new StreamTickets(key, ttl, clock);
    }

    public record Ticket(String value, Instant expiresAt) {
    }

    public Ticket issue(String tokenId) {
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
        String payload = ENCODER.encodeToString((tokenId + "|" + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        return new Ticket(payload + "." + ENCODER.encodeToString(sign(payload)), expiresAt);
    }

    /** The token id the ticket was issued to, when the signature holds and it has not expired. */
    public Optional<String> verify(String ticket) {
        int dot = ticket.indexOf('.');
        if (dot <= 0 || dot == ticket.length() - 1) {
            return Optional.empty();
        }
        String payload = ticket.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(sign(payload), DECODER.decode(ticket.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2 || !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
                return Optional.empty();
            }
            return Optional.of(parts[0]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
