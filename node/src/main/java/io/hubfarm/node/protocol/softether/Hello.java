package io.hubfarm.node.protocol.softether;

import io.hubfarm.node.protocol.pack.Pack;

/**
 * The server's first PACK (spec §1.5). {@code random} is the challenge every password proof of this
 * connection is computed over, so it must be fresh per connection.
 */
public record Hello(String serverString, int version, int build, byte[] random) {
    public static final int RANDOM_LENGTH = 20;
    public static final String SERVER_STRING = "hubfarm (SoftEther VPN protocol compatible)";
    public static final int VERSION = 501;
    public static final int BUILD = 9674;

    public Hello {
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("the hello random is " + RANDOM_LENGTH + " bytes");
        }
        random = random.clone();
    }

    public static Hello of(byte[] random) {
        return new Hello(SERVER_STRING, VERSION, BUILD, random);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    public Pack toPack() {
        return Pack.builder().putStr("hello", serverString).putInt("version", version).putInt("build", build)
                .putData("random", random).build();
    }

    /** Reads a server's hello, as a client does; a missing string or a wrong-size random means "not a VPN server". */
    public static Hello fromPack(Pack pack) {
        String hello = pack.findStr("hello").orElseThrow(() -> new IllegalArgumentException("hello has no 'hello' string"));
        byte[] random = pack.findData("random").filter(r -> r.length == RANDOM_LENGTH)
                .orElseThrow(() -> new IllegalArgumentException("hello has no 20-byte 'random'"));
        return new Hello(hello, pack.getInt("version", 0), pack.getInt("build", 0), random);
    }
}
