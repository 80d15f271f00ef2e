package io.hubfarm.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** SoftEther's password hashes and challenge proofs (spec 3.4), and their constant-time check. */
public final class SoftEtherPasswords {
    /** Every hash here is a SHA-0 digest. */
    public static final int HASH_LENGTH = 20;

    private SoftEtherPasswords() {
    }

    /** A hub user's stored hash: SHA0(password ‖ ASCII-upper-cased user name). */
    public static byte[] userHash(String userName, String password) {
        return Sha0.digest(password.getBytes(StandardCharsets.UTF_8),
                upperCaseName(userName).getBytes(StandardCharsets.UTF_8));
    }

    /** The server administrator's (and a hub administrator's RPC) stored hash: SHA0(password). */
    public static byte[] adminHash(String password) {
        return Sha0.digest(password.getBytes(StandardCharsets.UTF_8));
    }

    /** What a client sends to prove it knows a stored hash: SHA0(hash ‖ the hello's 20 random bytes). */
    public static byte[] proof(byte[] storedHash, byte[] serverRandom) {
        return Sha0.digest(storedHash, serverRandom);
    }

    /** True if {@code proof} answers {@code serverRandom} for {@code storedHash}; takes the same time either way. */
    public static boolean verify(byte[] storedHash, byte[] serverRandom, byte[] proof) {
        return proof != null && MessageDigest.isEqual(proof(storedHash, serverRandom), proof);
    }

    /** A user name as SoftEther upper-cases it: ASCII a-z only (hashes and session names use this). */
    public static String upperCaseName(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return b.toString();
    }
}
