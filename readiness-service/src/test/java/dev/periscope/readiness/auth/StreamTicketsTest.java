package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;

class StreamTicketsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final StreamTickets tickets = new StreamTickets("k".repeat(32).getBytes(), Duration.ofSeconds(60), clock);

    @Test
    void aTicketNamesItsTokenIdUntilItExpires() {
        StreamTickets.Ticket ticket = tickets.issue("ops");
        assertThat(ticket.expiresAt()).isEqualTo(Instant.parse("2026-12-01T10:01:00Z"));
        assertThat(ticket.value()).doesNotContain("ops");
        assertThat(tickets.verify(ticket.value())).contains("ops");
        clock.advance(Duration.ofSeconds(59));
        assertThat(tickets.verify(ticket.value())).contains("ops");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tickets.verify(ticket.value())).isEmpty();
    }

    @Test
    void aForgedTamperedOrForeignTicketIsRefused() {
        String value = tickets.issue("ops").value();
        String payload = value.substring(0, value.indexOf('.'));
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("admin|9999999999".getBytes());
        StreamTickets other = new StreamTickets("o".repeat(32).getBytes(), Duration.ofSeconds(60), clock);

        assertThat(tickets.verify(forgedPayload + value.substring(value.indexOf('.')))).isEmpty();
        assertThat(tickets.verify(payload + ".AAAA")).isEmpty();
        assertThat(tickets.verify(other.issue("ops").value())).isEmpty();
        assertThat(tickets.verify("")).isEmpty();
        assertThat(tickets.verify("no-dot")).isEmpty();
        assertThat(tickets.verify(".sig")).isEmpty();
        assertThat(tickets.verify(payload + ".")).isEmpty();
        assertThat(tickets.verify("%%%.***")).isEmpty();
    }
}
