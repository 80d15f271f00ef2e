package io.hubfarm.node.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners' TLS: 1.3 and 1.2 only, AEAD cipher suites only (AES-GCM and ChaCha20-Poly1305), the
 * cluster's certificate. It runs on BoringSSL through Netty's OpenSSL engine where that loads, else on
 * the JDK's engine ({@link Engine}); the node logs which.
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * TLS 1.2 suites by their IANA names, which both engines understand (TLS 1.3 has only AEAD suites
     * and both engines enable all of them). ECDHE only: forward secrecy; RSA or ECDSA keys alike.
     */
    static final List<String> TLS12_CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    static final List<String> TLS13_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** Which TLS implementation the listeners use: the {@code tls-provider} setting. */
    public enum Engine {
        /** BoringSSL where it loads, else the JDK (the default). */
        AUTO,
        /** BoringSSL or fail at start. */
        OPENSSL,
        /** The JDK's engine, even where BoringSSL would load. */
        JDK;

        public static Engine parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not one of auto, openssl, jdk");
            }
        }
    }

    /** {@link Engine#OPENSSL} was asked for where BoringSSL cannot load. */
    public static final class EngineUnavailableException extends IllegalStateException {
        EngineUnavailableException(String message) {
            super(message);
        }
    }

    /**
     * Makes this JVM's TLS servers ignore the client's server name (SNI). The SoftEther client sends
     * the account's host text as the name, so an account written as {@code HOST/tcp:PORT} (the form
     * reconnects need, docs/connecting-clients.md) sends "HOST/tcp", which the JDK refuses as an illegal
     * host name, failing the handshake. A node presents one certificate whatever the name, so nothing is
     * lost. Must run before the first TLS handshake of the process: the JDK reads it once. BoringSSL
     * does not judge the name, so it needs nothing.
     */
    public static void ignoreClientServerNames() {
        System.setProperty("jdk.tls.server.disableExtensions", "server_name");
    }

    private ServerTls() {
    }

    /** The listeners' context on the engine {@code engine} resolves to; logs which one that is. */
    public static SslContext sslContext(ServerCredentials credentials, Engine engine) {
        SslProvider provider = provider(engine);
        log.info("TLS engine: {}", describe(provider));
        return sslContext(credentials, provider);
    }

    /** With the JDK's engine where BoringSSL does not load: what {@link Engine#AUTO} gives. */
    public static SslContext sslContext(ServerCredentials credentials) {
        return sslContext(credentials, provider(Engine.AUTO));
    }

    static SslContext sslContext(ServerCredentials credentials, SslProvider provider) {
        try {
            X509Certificate[] chain = credentials.ca().equals(credentials.certificate())
                    ? new X509Certificate[] {credentials.certificate()} // self-signed: a chain of one
                    : new X509Certificate[] {credentials.certificate(), credentials.ca()};
            return SslContextBuilder.forServer(credentials.key(), chain)
                    .sslProvider(provider).protocols(PROTOCOLS).ciphers(cipherSuites()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with the cluster certificate: " + e.getMessage(), e);
        }
    }

    static List<String> cipherSuites() {
        return Stream.concat(TLS13_CIPHER_SUITES.stream(), TLS12_CIPHER_SUITES.stream()).toList();
    }

    /**
     * @throws EngineUnavailableException for {@link Engine#OPENSSL} where BoringSSL cannot load, naming why
     */
    static SslProvider provider(Engine engine) {
        return switch (engine) {
            case JDK -> SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new EngineUnavailableException("the OpenSSL (BoringSSL) TLS engine cannot load here: "
                            + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            case AUTO -> {
                if (OpenSsl.isAvailable()) {
                    yield SslProvider.OPENSSL;
                }
                log.warn("The OpenSSL (BoringSSL) TLS engine cannot load ({}); using the JDK's, which is slower",
                        OpenSsl.unavailabilityCause() == null ? "unknown reason" : OpenSsl.unavailabilityCause().toString());
                yield SslProvider.JDK;
            }
        };
    }

    private static String describe(SslProvider provider) {
        return provider == SslProvider.OPENSSL ? "OpenSSL engine (" + OpenSsl.versionString() + ")"
                : "JDK (" + Runtime.version() + ")";
    }
}
