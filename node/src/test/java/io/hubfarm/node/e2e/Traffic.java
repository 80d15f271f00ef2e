package io.hubfarm.node.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Traffic between the lab's namespaces, normally between the two clients' VPN adapters through the hub.
 *
 * <ul>
 *   <li>{@link #tcpTransfer}: socat sends a file of random bytes, socat in the target namespace writes
 *       what arrives to a file, and the SHA-256 of both must match. Its time runs from starting the
 *       sender until the receiver has written everything and exited. iperf3 is not used for this: with
 *       {@code -n} its receiver summary stops counting when the sender finishes, so it reports less
 *       than arrived (7.8 of 10 MB in a measured run).</li>
 *   <li>{@link #iperf3Throughput}: iperf3 for a number of seconds, bits/s from its JSON.</li>
 * </ul>
 * TX checksum offload needs no ethtool here: vpnclient's TAP has {@code tx-checksumming: off} (the
 * generic checksum feature shows "[requested on]" but cannot be enabled on it). Appendix B's
 * {@code ethtool -K <dev> tx off} is only for raw AF_PACKET bridges on veths.
 */
public final class Traffic {
    public static final int IPERF3_PORT = 5201;
    public static final int TRANSFER_PORT = 5202;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private final VpnLab lab;
    private final AtomicInteger runs = new AtomicInteger();

    public Traffic(VpnLab lab) {
        this.lab = lab;
    }

    /** {@code ping -c count} from {@code from} to {@code ip}, 0.2 s apart, 2 s wait per reply. */
    public PingResult ping(Namespace from, String ip, int count) {
        Duration timeout = Duration.ofSeconds(10 + count);
        ProcessResult result = lab.exec(from, timeout, "ping", "-n", "-c", String.valueOf(count), "-i", "0.2",
                "-W", "2", ip);
        return PingResult.parse(result.output());
    }

    /** {@code ping -c count -i interval} from {@code from} to {@code ip} (intervals under 0.2 s need root). */
    public PingResult ping(Namespace from, String ip, int count, Duration interval) {
        Duration timeout = Duration.ofSeconds(10).plus(interval.multipliedBy(count));
        ProcessResult result = lab.exec(from, timeout, "ping", "-n", "-c", String.valueOf(count), "-i",
                String.format(java.util.Locale.ROOT, "%.3f", interval.toNanos() / 1e9), "-W", "2", ip);
        return PingResult.parse(result.output());
    }

    /** Sends {@code bytes} random bytes over one TCP connection from {@code from} to {@code toIp} in {@code to}. */
    public TransferResult tcpTransfer(Namespace from, Namespace to, String toIp, long bytes) {
        int run = runs.incrementAndGet();
        Path dir = lab.newDirectory("transfer-" + run);
        Path source = dir.resolve("sent");
        Path sink = dir.resolve("received");
        try {
            byte[] sentDigest = writeRandom(source, bytes);
            LabProcess receiver = lab.start(to, "socat-receiver-" + run, List.of(
                    "socat", "-u", "TCP-LISTEN:" + TRANSFER_PORT + ",bind=" + toIp + ",reuseaddr", "CREATE:" + sink));
            lab.awaitListening(to, TRANSFER_PORT, READY_TIMEOUT, receiver);
            long start = Deadline.nanoTime();
            ProcessResult sender = lab.exec(from, Duration.ofSeconds(120), "socat", "-u", "OPEN:" + source + ",rdonly",
                    "TCP:" + toIp + ":" + TRANSFER_PORT + ",connect-timeout=10");
            // Until the receiver has it all: the sender is done once its last bytes are in its socket buffer.
            boolean receiverDone = receiver.awaitExit(Duration.ofSeconds(30));
            Duration elapsed = Deadline.since(start);
            if (!receiverDone) {
                receiver.stop(Duration.ofSeconds(2));
            }
            if (!sender.succeeded() || receiver.exitCode().orElse(-1) != 0) {
                throw new LabException("TCP transfer " + from + " -> " + to + " " + toIp + " failed\nsender: "
                        + sender.describe() + "\nreceiver log:\n" + receiver.log());
            }
            long received = Files.exists(sink) ? Files.size(sink) : 0;
            boolean matches = received == bytes && MessageDigest.isEqual(sentDigest, digest(sink));
            return new TransferResult(bytes, received, matches, elapsed);
        } catch (IOException e) {
            throw new LabException("TCP transfer files under " + dir, e);
        } finally {
            deleteQuietly(source);
            deleteQuietly(sink);
        }
    }

    /** iperf3 for {@code seconds} from {@code from} to an {@code iperf3 -s -1} bound to {@code toIp} in {@code to}. */
    public Throughput iperf3Throughput(Namespace from, Namespace to, String toIp, int seconds) {
        int run = runs.incrementAndGet();
        LabProcess server = lab.start(to, "iperf3-server-" + run, List.of(
                "iperf3", "-s", "-1", "-B", toIp, "-p", String.valueOf(IPERF3_PORT)));
        lab.awaitListening(to, IPERF3_PORT, READY_TIMEOUT, server);
        ProcessResult client = lab.exec(from, Duration.ofSeconds(seconds + 30L), "iperf3", "-c", toIp,
                "-p", String.valueOf(IPERF3_PORT), "-t", String.valueOf(seconds), "-J");
        if (!server.awaitExit(Duration.ofSeconds(10))) {
            server.stop(Duration.ofSeconds(2));
        }
        if (!client.succeeded()) {
            throw new LabException("iperf3 " + from + " -> " + toIp + " failed: " + client.describe()
                    + "\nserver log:\n" + server.log());
        }
        return Throughput.parseIperf3Json(client.stdout());
    }

    private static byte[] writeRandom(Path file, long bytes) throws IOException {
        MessageDigest sha = sha256();
        SplittableRandom random = new SplittableRandom();
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; ) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        chunk[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                sha.update(chunk, 0, n);
                left -= n;
            }
        }
        return sha.digest();
    }

    private static byte[] digest(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the lab removes its whole work directory at close
        }
    }
}
