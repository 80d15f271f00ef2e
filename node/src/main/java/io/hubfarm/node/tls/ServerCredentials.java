package io.hubfarm.node.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** The certificate every node presents, its key, and the cluster CA that signed it. */
public record ServerCredentials(X509Certificate certificate, PrivateKey key, X509Certificate ca) {
    @Override
    public String toString() {
        return "ServerCredentials[" + certificate.getSubjectX500Principal() + "]";
    }
}
