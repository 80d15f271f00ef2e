package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * The HTTP responses of SoftEther's negotiation phase (spec §1.2–1.4). The client checks the status
 * line, {@code Content-Type: application/octet-stream} and the length; the other headers mirror what
 * the real server sends.
 */
public final class SoftEtherHttp {
    public static final String PACK_PATH = "/vpnsvc/vpn.cgi";
    public static final String PACK_CONTENT_TYPE = "application/octet-stream";
    /** The prefix the client requires of a {@code GET /} answer before it believes this is a VPN server. */
    static final String FORBIDDEN_PAGE_PREFIX = """
            <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r
            <HTML><HEAD>\r
            <TITLE>403 Forbidden</TITLE>\r
            </HEAD><BODY>\r
            <H1>Forbidden</H1>\r
            You don't have permission to access\s""";

    private static final AsciiString KEEP_ALIVE = AsciiString.cached("Keep-Alive");

    private SoftEtherHttp() {
    }

    public static FullHttpResponse pack(Pack pack, Instant now) {
        return response(now, HttpResponseStatus.OK, PACK_CONTENT_TYPE, Unpooled.wrappedBuffer(pack.encode()));
    }

    /** The answer to the client's {@code GET /} probe and to a wrong signature. */
    public static FullHttpResponse forbidden(String path, String host, int port, Instant now) {
        String body = FORBIDDEN_PAGE_PREFIX + sanitize(path) + "\r\non this server.<P>\r\n<HR>\r\n<ADDRESS>HTTP Server at "
                + sanitize(host) + " Port " + port + "</ADDRESS>\r\n</BODY></HTML>\r\n";
        return response(now, HttpResponseStatus.FORBIDDEN, "text/html; charset=iso-8859-1",
                Unpooled.copiedBuffer(body, StandardCharsets.ISO_8859_1));
    }

    public static FullHttpResponse notFound(Instant now) {
        return response(now, HttpResponseStatus.NOT_FOUND, "text/html; charset=iso-8859-1",
                Unpooled.copiedBuffer("<HTML><BODY>404 Not Found</BODY></HTML>\r\n", StandardCharsets.ISO_8859_1));
    }

    private static FullHttpResponse response(Instant now, HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.DATE, DateFormatter.format(Date.from(now)))
                .set(KEEP_ALIVE, "timeout=15; max=19");
        return response;
    }

    /** A request path or Host header echoed into HTML must not carry markup. */
    private static String sanitize(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 256));
        for (int i = 0; i < text.length() && i < 256; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '<' && c != '>' && c != '&' && c != '"' ? c : '_');
        }
        return out.toString();
    }
}
