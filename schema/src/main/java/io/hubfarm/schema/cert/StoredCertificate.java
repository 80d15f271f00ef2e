package io.hubfarm.schema.cert;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code certificates}: a DER certificate and, for ours, its private key sealed with the
 * cluster secret (never stored in clear).
 */
public record StoredCertificate(String name, String subject, String serialHex, Instant notBefore, Instant notAfter,
                                byte[] certificateDer, Optional<byte[]> sealedKey) {
}
