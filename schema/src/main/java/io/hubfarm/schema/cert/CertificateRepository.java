package io.hubfarm.schema.cert;

import io.hubfarm.schema.DbTime;
import io.hubfarm.schema.Duplicates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The cluster's certificates by name. The first writer of a name wins; nobody overwrites it. */
public final class CertificateRepository {
    private static final String SELECT = """
            SELECT name, subject, serial_hex, not_before, not_after, cert_der, key_encrypted FROM certificates""";

    private final Jdbi jdbi;

    public CertificateRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<StoredCertificate> find(String name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    public List<StoredCertificate> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY name").map((rs, ctx) -> map(rs)).list());
    }

    /** @return false if a certificate of that name exists already (it is left as it is) */
    public boolean insertIfAbsent(StoredCertificate c) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO certificates (name, subject, serial_hex, not_before, not_after, cert_der, key_encrypted)
                    VALUES (:name, :subject, :serial, :notBefore, :notAfter, :der, :key)""")
                    .bind("name", c.name()).bind("subject", c.subject()).bind("serial", c.serialHex())
                    .bind("notBefore", utc(c.notBefore())).bind("notAfter", utc(c.notAfter()))
                    .bind("der", c.certificateDer()).bind("key", c.sealedKey().orElse(null))
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Duplicates.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static LocalDateTime utc(java.time.Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static StoredCertificate map(ResultSet rs) throws SQLException {
        return new StoredCertificate(rs.getString("name"), rs.getString("subject"), rs.getString("serial_hex"),
                DbTime.instant(rs, "not_before"), DbTime.instant(rs, "not_after"), rs.getBytes("cert_der"),
                Optional.ofNullable(rs.getBytes("key_encrypted")));
    }
}
