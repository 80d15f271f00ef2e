package io.hubfarm.schema.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.schema.hub.HubRepository;
import io.hubfarm.schema.hub.HubType;
import io.hubfarm.schema.hub.NewHub;
import io.hubfarm.schema.testing.Concurrently;
import io.hubfarm.schema.testing.Fixtures;
import io.hubfarm.schema.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TicketConsumeConcurrencyTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static TicketRepository tickets;
    static long hubId;
    static long target;
    static long issuer;

    @BeforeAll
    static void setUp() {
        tickets = new TicketRepository(db.jdbi());
        hubId = new HubRepository(db.jdbi()).create(NewHub.of("TICKETS", HubType.STATIC)).id();
        target = Fixtures.node(db.jdbi(), "ticket-target").id();
        issuer = Fixtures.node(db.jdbi(), "ticket-issuer").id();
    }

    @Test
    void aTicketPresentedManyTimesAtOnceIsAcceptedExactlyOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            byte[] ticket = newTicket(Duration.ofSeconds(60), "SID-ALICE-" + round);

            List<Optional<TicketGrant>> results = Concurrently.run(8, i -> () -> tickets.consume(ticket, target));

            List<TicketGrant> grants = results.stream().flatMap(Optional::stream).toList();
            assertThat(grants).as("round %d", round).hasSize(1);
            assertThat(grants.getFirst().sessionName()).isEqualTo("SID-ALICE-" + round);
            assertThat(grants.getFirst().hubId()).isEqualTo(hubId);
            assertThat(tickets.consume(ticket, target)).as("used again later").isEmpty();
        }
    }

    @Test
    void anExpiredTicketIsRefused() throws Exception {
        byte[] ticket = newTicket(Duration.ofMillis(100), "SID-BOB-1");
        Instant deadline = Instant.now().plusSeconds(10);
        while (db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM redirect_tickets WHERE session_name = 'SID-BOB-1' AND expires_at > NOW(3)")
                .mapTo(Integer.class).one()) > 0) {
            assertThat(Instant.now()).as("expiry by the database clock").isBefore(deadline);
            Thread.sleep(20);
        }
        assertThat(tickets.consume(ticket, target)).isEmpty();
    }

    @Test
    void aTicketIsOnlyGoodOnTheNodeItWasIssuedFor() {
        byte[] ticket = newTicket(Duration.ofSeconds(60), "SID-CAROL-1");
        assertThat(tickets.consume(ticket, issuer)).isEmpty();
        assertThat(tickets.consume(ticket, target)).isPresent();
    }

    @Test
    void anUnknownOrMalformedTicketIsRefused() {
        assertThat(tickets.consume(new byte[20], target)).isEmpty();
        assertThat(tickets.consume(new byte[5], target)).isEmpty();
        assertThat(tickets.consume(null, target)).isEmpty();
    }

    private static byte[] newTicket(Duration ttl, String sessionName) {
        byte[] ticket = new byte[20];
        new SecureRandom().nextBytes(ticket);
        tickets.issue(new NewTicket(ticket, hubId, "alice", "alice", "", sessionName, target, issuer, ttl));
        return ticket;
    }
}
