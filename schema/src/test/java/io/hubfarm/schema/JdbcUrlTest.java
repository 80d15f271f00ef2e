package io.hubfarm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {
    @Test
    void theSchemeChoosesTheDriver() {
        assertThat(JdbcUrl.parse("jdbc:mariadb://db:3306/hubfarm").driver()).isEqualTo(JdbcUrl.Driver.MARIADB);
        assertThat(JdbcUrl.parse("jdbc:mysql://db/hubfarm?sslMode=REQUIRED").driver()).isEqualTo(JdbcUrl.Driver.MYSQL);
    }

    @Test
    void partsRoundTrip() {
        JdbcUrl url = JdbcUrl.parse("jdbc:mysql://127.0.0.1:33306/?sslMode=DISABLED");
        assertThat(url.database()).isEmpty();
        assertThat(url.withDatabase("t_x").toJdbc()).isEqualTo("jdbc:mysql://127.0.0.1:33306/t_x?sslMode=DISABLED");
    }

    @Test
    void theDisplayFormNeverShowsTheQuery() {
        assertThat(JdbcUrl.parse("jdbc:mariadb://h/db?password=secret").display()).isEqualTo("jdbc:mariadb://h/db");
    }

    @Test
    void malformedUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> JdbcUrl.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> JdbcUrl.parse("mariadb://h/db")).isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://h/db")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mysql://h/bad-name")).hasMessageContaining("not valid");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mysql://h h/db")).isInstanceOf(InvalidDatabaseUrlException.class);
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mysql:///db")).isInstanceOf(InvalidDatabaseUrlException.class);
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mysql://h/db?password=secret x"))
                .isInstanceOf(InvalidDatabaseUrlException.class).hasMessageNotContaining("secret");
    }
}
