package io.hubfarm.node.auth;

/**
 * SHA-0, the original FIPS-180 SHA: SHA-1 without the one-bit rotation in the message schedule.
 * SoftEther hashes every password with it (spec 3.4), so a compatible server cannot avoid it; it is
 * not in the JCA. Never use it for anything but the SoftEther password scheme.
 */
public final class Sha0 {
    public static final int LENGTH = 20;

    private Sha0() {
    }

    public static byte[] digest(byte[]... parts) {
        long length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        // Message, the 0x80 marker, zero padding, then the 64-bit bit length: a multiple of 64 bytes.
        int padded = (int) ((length + 8) / 64 + 1) * 64;
        byte[] message = new byte[padded];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, message, at, p.length);
            at += p.length;
        }
        message[at] = (byte) 0x80;
        long bits = length * 8;
        for (int i = 0; i < 8; i++) {
            message[padded - 1 - i] = (byte) (bits >>> (8 * i));
        }

        int h0 = 0x67452301, h1 = 0xEFCDAB89, h2 = 0x98BADCFE, h3 = 0x10325476, h4 = 0xC3D2E1F0;
        int[] w = new int[80];
        for (int block = 0; block < padded; block += 64) {
            for (int t = 0; t < 16; t++) {
                int o = block + 4 * t;
                w[t] = (message[o] & 0xff) << 24 | (message[o + 1] & 0xff) << 16
                        | (message[o + 2] & 0xff) << 8 | (message[o + 3] & 0xff);
            }
            for (int t = 16; t < 80; t++) {
                w[t] = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
            }
            int a = h0, b = h1, c = h2, d = h3, e = h4;
            for (int t = 0; t < 80; t++) {
                int f;
                int k;
                if (t < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                } else if (t < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                } else if (t < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                } else {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }
                int next = Integer.rotateLeft(a, 5) + f + e + k + w[t];
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = next;
            }
            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
            h4 += e;
        }
        byte[] out = new byte[LENGTH];
        int[] h = {h0, h1, h2, h3, h4};
        for (int i = 0; i < 5; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }
}
