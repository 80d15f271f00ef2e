package io.hubfarm.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsMakeAOneNodeClusterOnTheEmbeddedDatabase() {
        NodeConfig c = NodeConfig.from(Map.of(), "host1");
        assertThat(c.dbUrl()).isEmpty();
        assertThat(c.name()).isEqualTo("host1");
        assertThat(c.listenText()).isEqualTo("0.0.0.0:5555");
        assertThat(c.publicPorts()).containsExactly(5555);
        assertThat(c.weight()).isEqualTo(100);
        assertThat(c.controllerOnly()).isFalse();
        assertThat(c.embeddedDbPort()).isEqualTo(3307);
        assertThat(c.dnsListen()).as("no DNS responder unless asked").isEmpty();
        assertThat(NodeConfig.from(Map.of(Setting.DNS_LISTEN, "0.0.0.0:53"), "host1").dnsListen())
                .contains(new HostPort("0.0.0.0", 53));
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = dir.resolve("hubfarm.conf");
        Files.writeString(file, """
                # comment
                weight = 300
                name = from-file
                listen = 127.0.0.1:6000
                """);
        SettingValues values = SettingValues.load(
                Map.of(Setting.CONFIG, file.toString(), Setting.WEIGHT, "200"),
                Map.of("HUBFARM_WEIGHT", "250", "HUBFARM_NAME", "from-env"));
        NodeConfig c = NodeConfig.from(values, "default");
        assertThat(c.weight()).isEqualTo(200);
        assertThat(c.name()).isEqualTo("from-env");
        assertThat(c.listenText()).isEqualTo("127.0.0.1:6000");
    }

    @Test
    void publicAddressesShareOneHost() {
        NodeConfig c = NodeConfig.from(Map.of(Setting.PUBLIC_ADDRESS, "vpn1.example.net:443,vpn1.example.net:5555"), "n");
        assertThat(c.publicHost()).hasValue("vpn1.example.net");
        assertThat(c.publicPorts()).containsExactly(443, 5555);
        assertThatThrownBy(() -> NodeConfig.from(Map.of(Setting.PUBLIC_ADDRESS, "a:1,b:2"), "n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("share one host");
    }

    @Test
    void ipv6ListenAddressesNeedBrackets() {
        assertThat(NodeConfig.from(Map.of(Setting.LISTEN, "[::1]:5555"), "n").listen())
                .containsExactly(new HostPort("::1", 5555));
        assertThatThrownBy(() -> NodeConfig.from(Map.of(Setting.LISTEN, "::1:5555"), "n"))
                .hasMessageContaining("brackets");
    }

    @Test
    void everyBadValueNamesItsSettingThreeWays() {
        List<Map<Setting, String>> bad = List.of(
                Map.of(Setting.WEIGHT, "0"), Map.of(Setting.WEIGHT, "heavy"), Map.of(Setting.LISTEN, "nohost"),
                Map.of(Setting.LISTEN, "h:70000"), Map.of(Setting.CONTROLLER_ONLY, "maybe"),
                Map.of(Setting.NAME, "bad name"), Map.of(Setting.DB_URL, "jdbc:oracle://h/x"),
                Map.of(Setting.EMBEDDED_DB_PORT, "-1"), Map.of(Setting.DNS_LISTEN, "53"));
        for (Map<Setting, String> values : bad) {
            Setting s = values.keySet().iterator().next();
            assertThatThrownBy(() -> NodeConfig.from(values, "n")).as(values.toString())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(s.option()).hasMessageContaining(s.environmentVariable())
                    .hasMessageContaining("'" + s.key() + "'");
        }
    }

    @Test
    void secretsLoseOnlyTheTrailingNewline() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, " s3cret \n");
        assertThat(NodeConfig.readSecret(pw, Setting.DB_PASSWORD_FILE)).isEqualTo(" s3cret ");
        assertThatThrownBy(() -> NodeConfig.readSecret(dir.resolve("missing"), Setting.DB_PASSWORD_FILE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--db-password-file");
    }

    @Test
    void configFileMistakesAreReportedWithTheLine() {
        assertThatThrownBy(() -> ConfigFile.parse(List.of("weight = 1", "colour = red"), "f.conf"))
                .hasMessage("f.conf line 2: unknown key 'colour'");
        assertThatThrownBy(() -> ConfigFile.parse(List.of("just words"), "f.conf"))
                .hasMessageContaining("line 1: expected 'key = value'");
        assertThatThrownBy(() -> ConfigFile.parse(List.of("weight = 1", "weight = 2"), "f.conf"))
                .hasMessageContaining("set twice");
        assertThatThrownBy(() -> SettingValues.load(Map.of(Setting.CONFIG, "/nonexistent/h.conf"), Map.of()))
                .hasMessageContaining("does not exist");
    }
}
