package io.hubfarm.node.cli;

import io.hubfarm.node.protocol.softether.Transport;
import io.hubfarm.node.session.DataPathWarmup;
import io.hubfarm.node.time.NodeClock;
import io.hubfarm.node.tls.ServerCredentials;
import io.hubfarm.node.tls.ServerTls;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The data path warm-up alone, on loopback with a throwaway certificate and no database: the training
 * run the launcher and the container image build give JDK 25's AOT cache ({@code -XX:AOTCacheOutput}),
 * so that a node starts with the data path's classes loaded and linked and their profiles known.
 */
@Command(name = "warm-up", description = "Send frames through the data path on loopback (no database); "
        + "the training run for the JVM's AOT cache (see the README).")
public final class WarmUpCommand implements Callable<Integer> {
    @Option(names = "--frames", paramLabel = "N", description = "frames each way (default "
            + DataPathWarmup.DEFAULT_FRAMES + ")")
    int frames = DataPathWarmup.DEFAULT_FRAMES;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (frames < 1) {
            throw new ParameterException(spec.commandLine(), "--frames must be at least 1, not " + frames);
        }
        Transport transport = Transport.best();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
        SelfSignedCertificate certificate = new SelfSignedCertificate("warm-up.invalid");
        try {
            var tls = ServerTls.sslContext(new ServerCredentials(certificate.cert(), certificate.key(), certificate.cert()),
                    ServerTls.Engine.AUTO);
            Duration took = DataPathWarmup.run(loops, transport, tls, NodeClock.system(), frames);
            spec.commandLine().getOut().printf("%d frames each way in %d ms%n", frames, took.toMillis());
            return 0;
        } finally {
            certificate.delete();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
