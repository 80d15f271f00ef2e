package io.hubfarm.node.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a private key for the database: AES-256-GCM under a key derived from the cluster secret
 * (HMAC-SHA256 of a fixed label, so the secret itself is never a cipher key), a fresh 12-byte nonce,
 * and the certificate's name as associated data (a sealed key cannot be moved to another name).
 * Layout: version (1) ‖ nonce (12) ‖ ciphertext+tag.
 */
final class SealedKey {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final byte[] LABEL = "hubfarm certificate key sealing v1".getBytes(StandardCharsets.US_ASCII);

    private SealedKey() {
    }

    static byte[] seal(byte[] plain, String name, ClusterSecret secret) {
        byte[] nonce = new byte[NONCE];
        new SecureRandom().nextBytes(nonce);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, secret, nonce, name);
            byte[] sealed = gcm.doFinal(plain);
            byte[] out = new byte[1 + NONCE + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    static byte[] open(byte[] sealed, String name, ClusterSecret secret) {
        if (sealed.length < 1 + NONCE + 16 || sealed[0] != VERSION) {
            throw new ClusterSecretMismatchException("the sealed key of certificate '" + name
                    + "' is not in a format this version reads");
        }
        try {
            Cipher gcm = cipher(Cipher.DECRYPT_MODE, secret, Arrays.copyOfRange(sealed, 1, 1 + NONCE), name);
            return gcm.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new ClusterSecretMismatchException("the cluster secret in " + secret.file()
                    + " does not open the cluster's keys: every node needs the same secret file as the node that "
                    + "created the cluster (--cluster-secret-file)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    private static Cipher cipher(int mode, ClusterSecret secret, byte[] nonce, String name)
            throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        byte[] raw = secret.bytes();
        hmac.init(new SecretKeySpec(raw, "HmacSHA256"));
        Arrays.fill(raw, (byte) 0);
        byte[] key = hmac.doFinal(LABEL);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        Arrays.fill(key, (byte) 0);
        gcm.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return gcm;
    }
}
