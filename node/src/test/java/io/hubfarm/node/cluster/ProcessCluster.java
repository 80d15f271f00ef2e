package io.hubfarm.node.cluster;

import io.hubfarm.node.client.ClientCredentials;
import io.hubfarm.node.client.ClientOptions;
import io.hubfarm.node.client.SoftEtherClient;
import io.hubfarm.node.client.SoftEtherClientException;
import io.hubfarm.node.process.NodeProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Node processes from the fat jar on 127.0.0.1, one port each, with the project's protocol client
 * (user {@code guest}, anonymous) against them: what the cluster tests share. A failed wait names
 * what it waited for and shows every node's last log lines.
 */
final class ProcessCluster implements AutoCloseable {
    private final Map<String, Integer> ports;
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final Set<String> killed = new HashSet<>();

    /** @param ports each node's name and port, in start order */
    ProcessCluster(Map<String, Integer> ports) {
        this.ports = new LinkedHashMap<>(ports);
    }

    List<String> names() {
        return List.copyOf(ports.keySet());
    }

    /**
     * Starts {@code hubfarm node --name NAME --listen 127.0.0.1:PORT --public-address (the same)
     * --data-dir DIR/NAME-data} plus {@code databaseArgs}.
     */
    void start(String name, Path dir, List<String> databaseArgs) throws IOException {
        String listen = "127.0.0.1:" + ports.get(name);
        List<String> args = new ArrayList<>(List.of("node", "--name", name, "--listen", listen, "--public-address",
                listen, "--data-dir", dir.resolve(name + "-data").toString()));
        args.addAll(databaseArgs);
        nodes.put(name, NodeProcess.start(dir.resolve(name), Map.of("HUBFARM_ADMIN_PASSWORD", "cluster-admin"),
                args.toArray(String[]::new)));
    }

    /** Waits until every node is online by {@code online} and accepts TCP connections. */
    void awaitOnline(Predicate<String> online) throws InterruptedException {
        for (Map.Entry<String, NodeProcess> n : nodes.entrySet()) {
            n.getValue().await(n.getKey() + " online and listening", Duration.ofSeconds(90),
                    () -> online.test(n.getKey()) && listening(ports.get(n.getKey())));
        }
    }

    boolean isAlive(String name) {
        return nodes.get(name).isAlive();
    }

    /** kill -9. */
    void kill(String name) throws InterruptedException {
        killed.add(name);
        nodes.get(name).kill();
    }

    SoftEtherClient connect(String entry, String hub) {
        return SoftEtherClient.connect(ClientOptions.of("127.0.0.1", ports.get(entry), hub, "guest",
                ClientCredentials.anonymous()));
    }

    /** A connection that must succeed at once: a refusal fails with the nodes' recent logs. */
    SoftEtherClient mustConnect(String entry, String hub) {
        try {
            return connect(entry, hub);
        } catch (SoftEtherClientException e) {
            throw new AssertionError("connecting through " + entry + " to " + hub + " failed: " + e.getMessage()
                    + "\n" + logTails(), e);
        }
    }

    /** Connects as a retrying client does: again after each failure, until the deadline. */
    SoftEtherClient reconnect(String entry, String hub, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        SoftEtherClientException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return connect(entry, hub);
            } catch (SoftEtherClientException e) {
                last = e;
                Thread.sleep(500); // the retry interval of this simulated client, not a synchronisation
            }
        }
        throw new AssertionError("no session through " + entry + " within " + within + "\n" + logTails(), last);
    }

    /** The node a client's session is on, from the port it ended up connected to. */
    String nodeOf(SoftEtherClient c) {
        int port = Integer.parseInt(c.sessionServer().substring(c.sessionServer().lastIndexOf(':') + 1));
        return ports.entrySet().stream().filter(e -> e.getValue() == port).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    /** A broadcast frame from each client reaches the other through their hub. */
    void exchangeFrames(SoftEtherClient a, SoftEtherClient b, Duration within) throws InterruptedException {
        for (SoftEtherClient[] pair : new SoftEtherClient[][] {{a, b}, {b, a}}) {
            byte[] frame = new byte[60];
            Arrays.fill(frame, 0, 6, (byte) 0xff);
            frame[6] = 0x02;
            frame[11] = (byte) System.identityHashCode(pair[0]);
            frame[12] = (byte) 0x88; // local experimental EtherType
            frame[13] = (byte) 0xb5;
            byte[] payload = ("hello " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(payload, 0, frame, 14, payload.length);
            await("a frame across the hub", within, () -> {
                pair[0].send(frame);
                try {
                    for (byte[] got = pair[1].receive(Duration.ofMillis(200)); got != null;
                         got = pair[1].receive(Duration.ofMillis(20))) {
                        if (Arrays.equals(got, frame)) {
                            return true;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            });
        }
    }

    /** Polls a condition with a deadline; the failure shows every node's last log lines. */
    void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within + " waiting for " + what + "\n" + logTails());
            }
            Thread.sleep(50);
        }
    }

    /** Every node's log (its stderr). */
    Map<String, String> logs() {
        Map<String, String> logs = new LinkedHashMap<>();
        nodes.forEach((name, process) -> logs.put(name, process.stderr()));
        return logs;
    }

    String logTails() {
        StringBuilder out = new StringBuilder();
        logs().forEach((name, log) -> out.append("--- ").append(name).append('\n').append(tail(log)).append('\n'));
        return out.toString();
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    private static boolean listening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops every node; one that exited by itself has its log printed. */
    @Override
    public void close() {
        nodes.forEach((name, p) -> {
            if (!p.isAlive() && !killed.contains(name)) {
                System.out.println("node " + name + " exited by itself (" + p.exitStatus() + "):\n" + tail(p.stderr()));
            }
        });
        nodes.values().forEach(NodeProcess::close);
    }
}
