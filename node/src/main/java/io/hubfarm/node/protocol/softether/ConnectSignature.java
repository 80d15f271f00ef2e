package io.hubfarm.node.protocol.softether;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The body of {@code POST /vpnsvc/connect.cgi} that opens a SoftEther connection (spec §1.3): the
 * client's fixed 1411-byte watermark followed by up to 2000 random bytes, or the ten bytes
 * {@code VPNCONNECT}. The watermark is recognised by its SHA-256, so its bytes need not live here.
 */
public final class ConnectSignature {
    public static final String PATH = "/vpnsvc/connect.cgi";
    static final int WATERMARK_LENGTH = 1411;
    static final int MAX_BODY = 3411;
    private static final byte[] WATERMARK_SHA256 =
            HexFormat.of().parseHex("96a706bbab378ec37dfef21e02b1a3c177fbebeffa039eb0efac918630df12a0");
    private static final byte[] VPNCONNECT = "VPNCONNECT".getBytes(StandardCharsets.US_ASCII);

    private ConnectSignature() {
    }

    public static boolean matches(ByteBuf body) {
        int length = body.readableBytes();
        if (length == VPNCONNECT.length) {
            byte[] bytes = new byte[length];
            body.getBytes(body.readerIndex(), bytes);
            return MessageDigest.isEqual(bytes, VPNCONNECT);
        }
        if (length < WATERMARK_LENGTH || length > MAX_BODY) {
            return false;
        }
        byte[] head = new byte[WATERMARK_LENGTH];
        body.getBytes(body.readerIndex(), head);
        return MessageDigest.isEqual(sha256(head), WATERMARK_SHA256);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
