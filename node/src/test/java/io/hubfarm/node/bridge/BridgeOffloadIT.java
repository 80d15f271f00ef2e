package io.hubfarm.node.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.hub.HubLimits;
import io.hubfarm.node.hub.VirtualHub;
import io.hubfarm.node.time.ManualNodeClock;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with two raw bridges joins two LAN segments (two namespaces behind veth pairs), with the
 * veths' checksum offload and TSO left on as Linux sets them. The kernel then hands the raw sockets
 * TCP frames without checksums and 64 KiB super-frames; a 10 MB transfer only arrives intact if the
 * bridge finishes them. (SoftEther needs {@code ethtool -K ... tx off} here: spec Appendix B.)
 */
class BridgeOffloadIT {
    @TempDir
    Path work;

    @Test
    void tcpCrossesTwoRawBridgesWithOffloadsOn() throws Exception {
        MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        String id = LinkCommands.uniqueName("");
        String left = "hfl" + id;
        String right = "hfr" + id;
        try (LinkCommands links = new LinkCommands()) {
            links.namespaceBehind(left, left + "a", left + "b", "10.78.0.1/24");
            links.namespaceBehind(right, right + "a", right + "b", "10.78.0.2/24");
            assertThat(output("ip", "netns", "exec", left, "ethtool", "-k", left + "b"))
                    .as("the test means something only with offloads on")
                    .contains("tx-checksumming: on").contains("tcp-segmentation-offload: on");

            VirtualHub hub = new VirtualHub("LANS", HubLimits.DEFAULT, new ManualNodeClock());
            BridgeTraffic leftTraffic = new BridgeTraffic();
            BridgePort leftPort = BridgePort.open("bridge:left", PacketSocket.open(left + "a"), leftTraffic,
                    (IoEventLoop) loops.next());
            BridgePort rightPort = BridgePort.open("bridge:right", PacketSocket.open(right + "a"), new BridgeTraffic(),
                    (IoEventLoop) loops.next());
            try {
                leftPort.attach(hub);
                rightPort.attach(hub);
                byte[] data = new byte[10 * 1024 * 1024];
                new Random(42).nextBytes(data);
                Path source = work.resolve("source");
                Path received = work.resolve("received");
                Files.write(source, data);

                Process listener = new ProcessBuilder("ip", "netns", "exec", right, "timeout", "60", "socat", "-u",
                        "TCP-LISTEN:5201,reuseaddr", "CREATE:" + received).redirectErrorStream(true).start();
                LinkCommands.run("ip", "netns", "exec", left, "timeout", "60", "sh", "-c",
                        "for i in $(seq 50); do socat -u OPEN:" + source + " TCP:10.78.0.2:5201 && exit 0; sleep 0.1; done; exit 1");
                assertThat(listener.waitFor(60, TimeUnit.SECONDS)).isTrue();

                assertThat(sha256(received)).as("10 MB arrived intact").isEqualTo(sha256(source));
                assertThat(leftTraffic.snapshot().oversizeDropped()).as("no super-frame was dropped").isZero();
            } finally {
                leftPort.shutdown();
                rightPort.shutdown();
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
