package io.hubfarm.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Vectors from shared/spec/tools/sha0_vectors.py and spec 3.4 (checked against the real server). */
class Sha0Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void knownVectors() {
        assertThat(hex(Sha0.digest(new byte[0]))).isEqualTo("f96cea198ad1dd5617ac084a3d92c6107708c0ef");
        assertThat(hex(Sha0.digest(bytes("abc")))).isEqualTo("0164b8a914cd2a5e74c4f7ff082c4d97f1edf880");
    }

    @Test
    void partsAreConcatenated() {
        assertThat(Sha0.digest(bytes("ab"), bytes("c"))).isEqualTo(Sha0.digest(bytes("abc")));
    }

    @Test
    void messagesAroundTheBlockBoundaryDifferFromSha1() throws Exception {
        for (int length : new int[] {55, 56, 63, 64, 65, 119, 120, 1000}) {
            byte[] m = new byte[length];
            byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(m);
            assertThat(Sha0.digest(m)).hasSize(20).isNotEqualTo(sha1);
        }
    }

    @Test
    void softEtherUserHashMatchesTheRealServersConfig() {
        assertThat(hex(SoftEtherPasswords.userHash("alice", "alicepw")))
                .isEqualTo("1e88f262ba7578d119e4edf7586e1b60d09b2045");
        assertThat(SoftEtherPasswords.userHash("ALICE", "alicepw"))
                .isEqualTo(SoftEtherPasswords.userHash("alice", "alicepw"));
    }

    @Test
    void proofsVerifyOnlyForTheRightPasswordAndChallenge() {
        byte[] stored = SoftEtherPasswords.userHash("alice", "alicepw");
        byte[] random = new byte[20];
        random[3] = 9;
        byte[] proof = SoftEtherPasswords.proof(stored, random);
        assertThat(SoftEtherPasswords.verify(stored, random, proof)).isTrue();
        assertThat(SoftEtherPasswords.verify(SoftEtherPasswords.userHash("alice", "wrong"), random, proof)).isFalse();
        assertThat(SoftEtherPasswords.verify(stored, new byte[20], proof)).isFalse();
        assertThat(SoftEtherPasswords.verify(stored, random, null)).isFalse();
    }

    @Test
    void theEmptyAdminPasswordIsSha0OfNothing() {
        assertThat(hex(SoftEtherPasswords.adminHash(""))).isEqualTo("f96cea198ad1dd5617ac084a3d92c6107708c0ef");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
