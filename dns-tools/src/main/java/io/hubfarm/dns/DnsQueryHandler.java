package io.hubfarm.dns;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each decoded query on the event loop (the answer comes from memory), a UDP client over its
 * {@link ResponseRateLimit} with a truncated reply. A packet that does not
 * decode is dropped and counted: one bad packet must not stop the socket, and logging every one would let
 * anybody fill the log.
 */
@ChannelHandler.Sharable
final class DnsQueryHandler extends SimpleChannelInboundHandler<DnsQuery> {
    private static final Logger log = LoggerFactory.getLogger(DnsQueryHandler.class);
    private static final long LOG_EVERY = 1000;

    private final DnsAnswerer answerer;
    private final ResponseRateLimit rateLimit;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();

    DnsQueryHandler(DnsAnswerer answerer, ResponseRateLimit rateLimit) {
        this.answerer = answerer;
        this.rateLimit = rateLimit;
    }

    long limited() {
        return limited.get();
    }

    long malformed() {
        return malformed.get();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
        DnsResponse response;
        boolean udp = query instanceof DatagramDnsQuery;
        if (query instanceof DatagramDnsQuery datagram) {
            response = new DatagramDnsResponse(datagram.recipient(), datagram.sender(), query.id());
        } else {
            response = new DefaultDnsResponse(query.id());
        }
        try {
            if (query instanceof DatagramDnsQuery datagram && !rateLimit.allow(datagram.sender().getAddress())) {
                if (limited.incrementAndGet() % LOG_EVERY == 1) {
                    log.info("DNS queries from {} over the rate limit get truncated replies ({} so far)",
                            datagram.sender().getAddress().getHostAddress(), limited.get());
                }
                answerer.truncated(query, response);
            } else {
                answerer.answer(query, response, udp);
            }
        } catch (RuntimeException e) {
            response.release();
            log.warn("Could not answer a DNS query: {}", e.toString(), e);
            return;
        }
        ctx.writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        long n = malformed.incrementAndGet();
        if (n == 1 || n % LOG_EVERY == 0) {
            log.info("Dropped a DNS packet that does not decode ({} so far): {}", n, cause.getMessage());
        }
        if (!(ctx.channel() instanceof DatagramChannel)) {
            ctx.close(); // a TCP stream out of step cannot be resynchronised
        }
    }
}
