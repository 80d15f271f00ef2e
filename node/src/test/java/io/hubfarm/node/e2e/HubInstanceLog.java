package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every instance of a hub on every node, rebuilt from the nodes' logs ("Hub 'X' (DYNAMIC) started on
 * this node", "Hub 'X' stopped on this node", "Hub 'X' was deleted: stopping it"). The nodes of a test
 * run on one host, so their timestamps share a clock and lives on different nodes can be compared.
 */
public final class HubInstanceLog {
    private static final Pattern EVENT = Pattern.compile(
            "^(\\S+) .*Hub '([^']+)' (?:\\(\\w+\\) (started) on this node|(stopped) on this node|.*(stopping) it)");

    /** One instance: where, and from when to when (to the end of the log if it still runs). */
    public record Life(String node, Instant from, Instant to) {
    }

    private HubInstanceLog() {
    }

    public static List<Life> lives(String hub, Map<String, String> logByNode, Instant now) {
        List<Life> lives = new ArrayList<>();
        logByNode.forEach((node, log) -> {
            Instant started = null;
            for (String line : log.lines().toList()) {
                Matcher m = EVENT.matcher(line);
                if (!m.find() || !m.group(2).equalsIgnoreCase(hub)) {
                    continue;
                }
                Instant at = Instant.parse(m.group(1));
                if (m.group(3) != null) {
                    started = at;
                } else if (started != null) {
                    lives.add(new Life(node, started, at));
                    started = null;
                }
            }
            if (started != null) {
                lives.add(new Life(node, started, now));
            }
        });
        return lives;
    }

    /** Fails if the hub ever ran on two nodes at the same moment. */
    public static List<Life> assertNeverTwoAtOnce(String hub, Map<String, String> logByNode) {
        List<Life> lives = lives(hub, logByNode, Instant.now());
        System.out.println("instances of " + hub + ": " + lives);
        assertThat(lives).as("the hub ran somewhere").isNotEmpty();
        for (Life a : lives) {
            for (Life b : lives) {
                if (a != b && !a.node().equals(b.node())) {
                    assertThat(a.from().isBefore(b.to()) && b.from().isBefore(a.to()))
                            .as("instances %s and %s overlap", a, b).isFalse();
                }
            }
        }
        return lives;
    }
}
