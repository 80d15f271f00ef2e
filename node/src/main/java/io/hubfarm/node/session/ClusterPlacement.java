package io.hubfarm.node.session;

import io.hubfarm.schema.hub.Hub;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where in the cluster a new session belongs, asked by the intake once the client is authenticated
 * (design.md section 2). Implementations may read the database.
 */
public interface ClusterPlacement {
    /** A one-node cluster: every session stays here. */
    ClusterPlacement STANDALONE = new ClusterPlacement() {
        @Override
        public Destination place(Hub hub) {
            return new Destination.Here(Sending.UNCOUNTED);
        }

        @Override
        public Optional<String> refuseHere(Hub hub) {
            return Optional.empty();
        }
    };

    /** Chooses the node for a new session of {@code hub}; for a dynamic hub this may claim its placement. */
    Destination place(Hub hub);

    /**
     * Why a session of {@code hub} must not start on this node, checked for every session right
     * before it starts (a redirected one too): a dynamic hub runs only where its placement is and
     * never on a node that cannot confirm its heartbeat. Empty if it may start.
     */
    Optional<String> refuseHere(Hub hub);

    /**
     * A decision of {@link #place}, counted against its node by this entry node from the moment it
     * is taken, so that the logins being placed at the same time see it. Report how it ended:
     * {@link #written()} once the ticket is stored or the session's row registered,
     * {@link #withdrawn()} if the login failed before that. Withdrawing after writing changes
     * nothing, so a {@code finally} may always withdraw.
     */
    interface Sending {
        /** For placements that count nothing (a one-node cluster). */
        Sending UNCOUNTED = new Sending() {
            @Override
            public void written() {
            }

            @Override
            public void withdrawn() {
            }
        };

        void written();

        void withdrawn();
    }

    /** Where {@link #place} sends a session. */
    sealed interface Destination {
        /** Start it on this node. */
        record Here(Sending sending) implements Destination {
            public Here {
                Objects.requireNonNull(sending, "sending");
            }
        }

        /** Redirect the client to another node. */
        record Elsewhere(long nodeId, String nodeName, InetAddress address, List<Integer> ports, Sending sending)
                implements Destination {
            public Elsewhere {
                Objects.requireNonNull(nodeName, "nodeName");
                Objects.requireNonNull(sending, "sending");
                Objects.requireNonNull(address, "address");
                ports = List.copyOf(ports);
            }
        }

        /** No node can take it: error 16, hub busy. */
        record Busy(String reason) implements Destination {
            public Busy {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
