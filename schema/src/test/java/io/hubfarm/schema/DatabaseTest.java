package io.hubfarm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubfarm.schema.testing.TestDatabase;
import io.hubfarm.schema.testing.TestDatabaseServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase(4, false);

    @Test
    void migrationsApplyOnceAndInfoShowsThem() {
        assertThat(db.database().info()).allSatisfy(m -> assertThat(m.state()).isEqualTo("Pending"));
        assertThat(db.database().pendingMigrations()).isEqualTo(db.database().info().size());
        assertThat(db.database().migrate()).isGreaterThanOrEqualTo(2);
        assertThat(db.database().pendingMigrations()).isZero();
        assertThat(db.database().migrate()).as("second run").isZero();
        assertThat(db.database().info())
                .extracting(MigrationStatus::version).startsWith("1", "2");
        assertThat(db.database().info()).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo("Success");
            assertThat(m.installedOn()).isNotNull();
        });
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        TestDatabaseServer server = TestDatabaseServer.get();
        server.execute("CREATE USER IF NOT EXISTS 'hf_pw_test'@'%' IDENTIFIED BY 'right-password'",
                "GRANT ALL ON `" + db.name() + "`.* TO 'hf_pw_test'@'%'");
        try {
            DatabaseSettings wrong = new DatabaseSettings(db.url(), "hf_pw_test", "wrong-password", 1, Duration.ofSeconds(5));
            assertThatThrownBy(() -> Database.connect(wrong))
                    .isInstanceOf(DatabaseAccessDeniedException.class)
                    .hasMessageContaining("refused user 'hf_pw_test'")
                    .hasMessageNotContaining("wrong-password");

            DatabaseSettings right = new DatabaseSettings(db.url(), "hf_pw_test", "right-password", 1, Duration.ofSeconds(5));
            try (Database ok = Database.connect(right)) {
                int one = ok.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                assertThat(one).isEqualTo(1);
            }
        } finally {
            server.execute("DROP USER IF EXISTS 'hf_pw_test'@'%'");
        }
    }

    @Test
    void anUnreachableServerIsReportedAsSuch() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DatabaseSettings nowhere = new DatabaseSettings(
                JdbcUrl.parse("jdbc:mariadb://127.0.0.1:" + closedPort + "/hubfarm"), "root", "", 1, Duration.ofSeconds(2));
        assertThatThrownBy(() -> Database.connect(nowhere))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort).hasMessageContaining("unreachable");
    }

    @Test
    void aMissingDatabaseIsReportedAsSuch() {
        DatabaseSettings missing = new DatabaseSettings(db.url().withDatabase("no_such_db_here"),
                TestDatabaseServer.get().user(), TestDatabaseServer.get().password(), 1, Duration.ofSeconds(5));
        assertThatThrownBy(() -> Database.connect(missing))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("'no_such_db_here' does not exist");
    }
}
