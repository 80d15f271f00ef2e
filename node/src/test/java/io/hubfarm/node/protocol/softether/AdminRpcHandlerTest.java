package io.hubfarm.node.protocol.softether;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The admin RPC framing: one reply per request, in order, and an idle console closed. */
class AdminRpcHandlerTest {
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final AdminConsole echo = new AdminConsole() {
        @Override
        public Pack reply() {
            return Pack.builder().build();
        }

        @Override
        public Pack call(Pack request) {
            return Pack.builder().putStr("echo", request.getStr("function_name", "")).build();
        }

        @Override
        public void closed() {
        }
    };

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        AdminRpcHandler.install(ch.pipeline(), echo, Runnable::run, "test administrator", IDLE);
        return ch;
    }

    private static ByteBuf request(String function) {
        byte[] body = Pack.builder().putStr("function_name", function).build().encode();
        return Unpooled.buffer().writeInt(body.length).writeBytes(body);
    }

    @Test
    void eachRequestIsAnsweredInOrder() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(request("GetServerInfo"));
        ch.runPendingTasks();
        ch.writeInbound(request("EnumHub"));
        ch.runPendingTasks();
        assertThat(reply(ch).getStr("echo", "")).isEqualTo("GetServerInfo");
        assertThat(reply(ch).getStr("echo", "")).isEqualTo("EnumHub");
    }

    @Test
    void aConsoleThatSendsNothingForTheIdleTimeoutIsClosed() {
        EmbeddedChannel ch = channel();
        ch.advanceTimeBy(IDLE.toMinutes() - 1, TimeUnit.MINUTES);
        ch.runScheduledPendingTasks();
        ch.writeInbound(request("GetServerInfo"));
        ch.runPendingTasks();
        assertThat(reply(ch).getStr("echo", "")).isEqualTo("GetServerInfo");

        ch.advanceTimeBy(IDLE.toMinutes() - 1, TimeUnit.MINUTES);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).as("a request restarts the timer").isTrue();

        ch.advanceTimeBy(2, TimeUnit.MINUTES);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
    }

    private static Pack reply(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        try {
            int length = out.readInt();
            byte[] body = new byte[length];
            out.readBytes(body);
            return Pack.decode(body, PackLimits.ADMIN_RPC);
        } finally {
            out.release();
        }
    }
}
