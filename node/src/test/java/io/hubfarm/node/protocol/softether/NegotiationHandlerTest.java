package io.hubfarm.node.protocol.softether;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubfarm.node.protocol.pack.Pack;
import io.hubfarm.node.protocol.pack.PackLimits;
import io.hubfarm.node.time.ManualNodeClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NegotiationHandlerTest {
    private final ManualNodeClock clock = new ManualNodeClock();
    private final List<LoginRequest> logins = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private LoginRefusedException refusal;

    private final LoginService service = new LoginService() {
        @Override
        public TunnelEndpoint login(LoginRequest request, byte[] challenge, InetSocketAddress client) {
            logins.add(request);
            if (refusal != null) {
                throw refusal;
            }
            return endpoint(Pack.builder().putStr("session_name", "SID-ALICE-1").build());
        }

        @Override
        public TunnelEndpoint additionalConnect(byte[] sessionKey, InetSocketAddress client) {
            throw new LoginRefusedException(SoftEtherError.SESSION_TIMEOUT, "unknown session");
        }
    };

    private final List<Pack> adminCalls = new ArrayList<>();
    private LoginRefusedException adminRefusal;

    private final AdminLoginService admins = (request, challenge, client) -> {
        events.add("admin " + request.who());
        if (adminRefusal != null) {
            throw adminRefusal;
        }
        return new AdminConsole() {
            @Override
            public Pack reply() {
                return Pack.builder().build();
            }

            @Override
            public Pack call(Pack request1) {
                adminCalls.add(request1);
                return Pack.builder().putStr("answer", request1.getStr("function_name", "")).build();
            }

            @Override
            public void closed() {
                events.add("admin closed");
            }
        };
    };

    private TunnelEndpoint endpoint(Pack reply) {
        return new TunnelEndpoint() {
            @Override
            public Pack reply() {
                return reply;
            }

            @Override
            public void start(Channel channel) {
                events.add("start");
                channel.pipeline().addLast("tunnel", new ChannelInboundHandlerAdapter());
            }

            @Override
            public void abandon() {
                events.add("abandon");
            }
        };
    }

    private EmbeddedChannel channel(HandshakeLimits limits) {
        return new EmbeddedChannel(new NegotiationHandler(service, admins, limits, Runnable::run, clock, new SecureRandom(),
                5555, "http"));
    }

    private EmbeddedChannel channel() {
        return channel(HandshakeLimits.defaults());
    }

    @Test
    void answersTheProbeWithTheForbiddenPageTheClientLooksFor() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(request(HttpMethod.GET, "/", new byte[0]));
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status().code()).isEqualTo(403);
        assertThat(response.content().toString(StandardCharsets.ISO_8859_1)).startsWith(SoftEtherHttp.FORBIDDEN_PAGE_PREFIX)
                .startsWith("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n<HTML><HEAD>\r\n<TITLE>403 Forbidden</TITLE>\r\n</HEAD><BODY>\r\n<H1>Forbidden</H1>\r\nYou don't have permission to access /");
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void sendsAHelloWithTwentyRandomBytesAfterTheSignature() {
        EmbeddedChannel ch = channel();
        Pack hello = hello(ch);
        assertThat(hello.getStr("hello", "")).isNotEmpty();
        assertThat(hello.getData("random", new byte[0])).hasSize(20);
        assertThat(hello.getInt("version", 0)).isEqualTo(501);
    }

    @Test
    void refusesAWrongSignatureAndAWrongPath() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(request(HttpMethod.POST, ConnectSignature.PATH, "VPNCONNECX".getBytes(StandardCharsets.US_ASCII)));
        assertThat(((FullHttpResponse) ch.readOutbound()).status().code()).isEqualTo(403);
        ch.writeInbound(request(HttpMethod.POST, "/other.cgi", "VPNCONNECT".getBytes(StandardCharsets.US_ASCII)));
        assertThat(((FullHttpResponse) ch.readOutbound()).status().code()).isEqualTo(404);
        assertThat(hello(ch).getData("random", new byte[0])).hasSize(20);
    }

    @Test
    void passesTheLoginOnAndHandsTheChannelToTheTunnel() {
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "login").putStr("hubname", "TESTHUB")
                .putStr("username", "alice").putInt("authtype", 1).putData("secure_password", new byte[20])
                .putInt("max_connection", 4).putInt("qos", 1).build()));
        assertThat(logins).singleElement().satisfies(l -> {
            assertThat(l.hubName()).isEqualTo("TESTHUB");
            assertThat(l.userName()).isEqualTo("alice");
            assertThat(l.maxConnection()).isEqualTo(4);
        });
        assertThat(replyPack(ch).getStr("session_name", "")).isEqualTo("SID-ALICE-1");
        assertThat(events).containsExactly("start");
        assertThat(ch.pipeline().get(NegotiationHandler.class)).isNull();
        assertThat(ch.pipeline().get("tunnel")).isNotNull();
    }

    @Test
    void anAdminLoginTurnsTheConnectionIntoLengthPrefixedRpcFrames() {
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "admin").putStr("hubname", "TESTHUB")
                .putData("secure_password", new byte[20]).putInt("accept_empty_password", 1).build()));
        assertThat(events).containsExactly("admin administrator of hub 'TESTHUB'");
        assertThat(replyPack(ch).elements()).isEmpty();
        assertThat(ch.pipeline().get(NegotiationHandler.class)).isNull();

        byte[] body = Pack.builder().putStr("function_name", "GetServerInfo").build().encode();
        ByteBuf frame = Unpooled.buffer().writeInt(body.length).writeBytes(body);
        // split mid-frame, as TCP may
        ch.writeInbound(frame.readRetainedSlice(3));
        assertThat(adminCalls).isEmpty();
        ch.writeInbound(frame);
        assertThat(adminCalls).singleElement().satisfies(p -> assertThat(p.getStr("function_name", "")).isEqualTo("GetServerInfo"));
        ByteBuf reply = ch.readOutbound();
        int length = reply.readInt();
        assertThat(length).isEqualTo(reply.readableBytes());
        assertThat(Pack.decode(ByteBufUtil.getBytes(reply), PackLimits.ADMIN_RPC).getStr("answer", "")).isEqualTo("GetServerInfo");
        reply.release();

        ch.close();
        assertThat(events).contains("admin closed");
    }

    @Test
    void anAdminConnectionSendingAnOversizedOrMalformedFrameIsClosed() {
        EmbeddedChannel big = adminChannel();
        big.writeInbound(Unpooled.buffer().writeInt(PackLimits.ADMIN_RPC.maxTotalBytes() + 1).writeZero(16));
        assertThat(big.isActive()).isFalse();

        EmbeddedChannel garbled = adminChannel();
        garbled.writeInbound(Unpooled.buffer().writeInt(5).writeBytes(new byte[] {0, 0, 0, 9, 1}));
        assertThat(garbled.isActive()).isFalse();
        assertThat(adminCalls).isEmpty();
    }

    @Test
    void aThrottledAdminRefusalIsAnsweredOnlyAfterItsDelay() {
        adminRefusal = new LoginRefusedException(SoftEtherError.ACCESS_DENIED, "wrong password", Duration.ofSeconds(2));
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "admin")
                .putData("secure_password", new byte[20]).build()));
        ch.runPendingTasks();
        assertThat((Object) ch.readOutbound()).as("nothing before the delay").isNull();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(replyPack(ch).getInt("error", 0)).isEqualTo(12);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void anAdminLoginWithoutA20BytePasswordProofIsAProtocolError() {
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "admin").putData("secure_password", new byte[3]).build()));
        assertThat(replyPack(ch).getInt("error", 0)).isEqualTo(4);
        assertThat(events).isEmpty();
    }

    private EmbeddedChannel adminChannel() {
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "admin").putData("secure_password", new byte[20]).build()));
        replyPack(ch);
        return ch;
    }

    @Test
    void aRefusalSendsTheErrorCodeAndCloses() {
        refusal = new LoginRefusedException(SoftEtherError.AUTH_FAILED, "wrong password");
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "login").putStr("hubname", "H")
                .putStr("username", "u").putInt("authtype", 2).putStr("plain_password", "x").build()));
        assertThat(replyPack(ch).getInt("error", 0)).isEqualTo(9);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void aMalformedPackIsAProtocolError() {
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(request(HttpMethod.POST, SoftEtherHttp.PACK_PATH, new byte[] {0, 0, 0, 5, 1}));
        assertThat(replyPack(ch).getInt("error", 0)).isEqualTo(4);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void anUnknownMethodIsAProtocolErrorAndAnUnknownSessionKeyATimeout() {
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "dance").build()));
        assertThat(replyPack(ch).getInt("error", 0)).isEqualTo(4);

        EmbeddedChannel other = channel();
        hello(other);
        other.writeInbound(packRequest(Pack.builder().putStr("method", "additional_connect")
                .putData("session_key", new byte[20]).build()));
        assertThat(replyPack(other).getInt("error", 0)).isEqualTo(13);
    }

    @Test
    void aLoginWithoutAHubNameIsAProtocolError() {
        EmbeddedChannel ch = channel();
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "login").putStr("username", "u")
                .putInt("authtype", 0).build()));
        assertThat(replyPack(ch).getInt("error", 0)).isEqualTo(4);
        assertThat(logins).isEmpty();
    }

    @Test
    void closesAConnectionThatSendsTooManyRequests() {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < NegotiationHandler.MAX_REQUESTS; i++) {
            ch.writeInbound(request(HttpMethod.GET, "/", new byte[0]));
            assertThat(ch.isActive()).isTrue();
        }
        ch.writeInbound(request(HttpMethod.GET, "/", new byte[0]));
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void closesAConnectionThatDoesNotLogInInTime() {
        EmbeddedChannel ch = channel(new HandshakeLimits(10, 10, Duration.ofSeconds(30)));
        ch.advanceTimeBy(29, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void refusesConnectionsBeyondTheHandshakeLimitAndFreesSlotsOnClose() {
        HandshakeLimits limits = new HandshakeLimits(2, 2, Duration.ofSeconds(30));
        EmbeddedChannel first = channel(limits);
        EmbeddedChannel second = channel(limits);
        EmbeddedChannel third = channel(limits);
        assertThat(first.isActive()).isTrue();
        assertThat(second.isActive()).isTrue();
        assertThat(third.isActive()).isFalse();
        first.close();
        assertThat(limits.inProgress()).isEqualTo(1);
        assertThat(channel(limits).isActive()).isTrue();
    }

    @Test
    void aLoginThatSucceedsReleasesItsHandshakeSlot() {
        HandshakeLimits limits = new HandshakeLimits(1, 1, Duration.ofSeconds(30));
        EmbeddedChannel ch = channel(limits);
        hello(ch);
        ch.writeInbound(packRequest(Pack.builder().putStr("method", "login").putStr("hubname", "H")
                .putStr("username", "u").putInt("authtype", 0).build()));
        assertThat(limits.inProgress()).isZero();
        assertThat(channel(limits).isActive()).isTrue();
    }

    private Pack hello(EmbeddedChannel ch) {
        ch.writeInbound(request(HttpMethod.POST, ConnectSignature.PATH, "VPNCONNECT".getBytes(StandardCharsets.US_ASCII)));
        return replyPack(ch);
    }

    private static Pack replyPack(EmbeddedChannel ch) {
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/octet-stream");
        try {
            return Pack.decode(ByteBufUtil.getBytes(response.content()), PackLimits.NEGOTIATION);
        } finally {
            response.release();
        }
    }

    private static FullHttpRequest packRequest(Pack pack) {
        return request(HttpMethod.POST, SoftEtherHttp.PACK_PATH, pack.encode());
    }

    private static FullHttpRequest request(HttpMethod method, String path, byte[] body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }
}
