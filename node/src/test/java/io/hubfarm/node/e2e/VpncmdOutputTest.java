package io.hubfarm.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of what the real vpncmd and vpnclient print (texts captured from Debian's 5.01 binaries). */
class VpncmdOutputTest {
    private static final String ACCOUNT_STATUS = """
            Connected to VPN Client "localhost".

            VPN Client>AccountStatusGet acct
            AccountStatusGet command - Get Current VPN Connection Setting Status
            Item                                      |Value
            ------------------------------------------+-------------------------------------------------------------
            VPN Connection Setting Name               |acct
            Session Status                            |Connection Completed (Session Established)
            Port Number                               |TCP Port 8443
            Number of TCP Connections                 |8
            Maximum Number of TCP Connections         |8
            Use of Compression                        |Yes (9 %)
            Session Name                              |SID-ALICE-1
            The command completed successfully.

            """;

    private static final String SESSION_LIST = """
            VPN Server/LAB>SessionList
            SessionList command - Get List of Connected Sessions
            Item            |Value
            ----------------+-------------
            Session Name    |SID-ALICE-1
            User Name       |alice
            TCP Connections |8 / 8
            ----------------+-------------
            Session Name    |SID-BOB-3
            User Name       |bob
            TCP Connections |0 / 2
            The command completed successfully.
            """;

    @Test
    void anAccountStatusTableBecomesItsRows() {
        AccountStatus status = AccountStatus.parse("acct", ACCOUNT_STATUS);

        assertThat(status.established()).isTrue();
        assertThat(status.tcpConnections()).hasValue(8);
        assertThat(status.maxTcpConnections()).hasValue(8);
        assertThat(status.compressed()).isTrue();
        assertThat(status.sessionName()).isEqualTo("SID-ALICE-1");
        assertThat(status.get("Port Number")).isEqualTo("TCP Port 8443");
        assertThat(status.items()).doesNotContainKey("The command completed successfully.");
    }

    @Test
    void aRetryingAccountIsNotEstablishedAndHasNoConnectionCount() {
        AccountStatus status = AccountStatus.parse("bad", """
                Item                                    |Value
                ----------------------------------------+-------------------------
                VPN Connection Setting Name             |bad
                Session Status                          |Retrying
                The command completed successfully.
                """);

        assertThat(status.established()).isFalse();
        assertThat(status.sessionStatus()).isEqualTo("Retrying");
        assertThat(status.tcpConnections()).isEmpty();
        assertThat(status.compressed()).isFalse();
    }

    @Test
    void anErrorWithoutATableGivesNoRows() {
        AccountStatus status = AccountStatus.parse("x", """
                AccountStatusGet command - Get Current VPN Connection Setting Status
                Error occurred. (Error code: 37)
                The specified VPN Connection Setting is not connected.
                """);

        assertThat(status.items()).isEmpty();
        assertThat(status.established()).isFalse();
        assertThat(status.raw()).contains("Error code: 37");
    }

    @Test
    void separatorLinesSplitAListIntoRecords() {
        List<Map<String, String>> sessions = VpncmdTable.records(SESSION_LIST);

        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0)).containsEntry("Session Name", "SID-ALICE-1").containsEntry("TCP Connections", "8 / 8");
        assertThat(sessions.get(1)).containsEntry("User Name", "bob").containsEntry("TCP Connections", "0 / 2");
    }

    @Test
    void aTableWithColumnHeadersBecomesOneMapPerRow() {
        String output = """
                ClusterMemberList command - Get List of Cluster Members
                ID|Type      |Connection Started at|Host Name|Point
                --+----------+---------------------+---------+------
                 1|Controller|2026-12-04 12:59:16  |cn1      |100000
                 2|Member    |2026-12-04 12:59:20  |cn2      | 99999
                The command completed successfully.

                """;
        List<Map<String, String>> rows = VpncmdTable.rows(output);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("ID", "1").containsEntry("Type", "Controller").containsEntry("Host Name", "cn1");
        assertThat(rows.get(1)).containsEntry("Point", "99999");
        assertThat(VpncmdTable.rows(SESSION_LIST)).as("Item|Value tables are records, not rows").isEmpty();
        assertThat(VpncmdTable.rows("""
                Number|Virtual Hub Name|Network Adapter or Tap Device Name|Status
                ------+----------------+----------------------------------+------
                The command completed successfully.
                """)).isEmpty();
    }

    @Test
    void theClientLogGivesTheCodeOfTheFirstFailureOfThatAccount() {
        String log = """
                2026-11-22 12:46:39.854 VPN Connection Setting "bad": Connection operation starting (this is now 1 times).
                2026-11-22 12:46:40.100 VPN Connection Setting "other": The connection has been either disconnected or it failed. Cause: The specified Virtual Hub does not exist on the server. (code 8)
                2026-11-22 12:46:40.319 VPN Connection Setting "bad": The connection has been either disconnected or it failed. Cause: User authentication failed. (code 9)
                2026-11-22 12:46:41.000 VPN Connection Setting "bad": The connection has been either disconnected or it failed. Cause: The command has been canceled by user. (code 6)
                """;

        assertThat(RealVpnClient.ClientError.find("bad", log))
                .contains(new RealVpnClient.ClientError(9, "User authentication failed."));
        assertThat(RealVpnClient.ClientError.find("other", log)).get().extracting(RealVpnClient.ClientError::code)
                .isEqualTo(8);
        assertThat(RealVpnClient.ClientError.find("nobody", log)).isEmpty();
    }

    @Test
    void accountDetailPassesEveryOptionSoVpncmdNeverPrompts() {
        assertThat(AccountDetail.defaults().withMaxTcp(8).vpncmdOptions()).containsExactly(
                "/MAXTCP:8", "/INTERVAL:1", "/TTL:0", "/HALF:no", "/BRIDGE:no", "/MONITOR:no", "/NOTRACK:no",
                "/NOQOS:no", "/DISABLEUDP:no");
    }

    @Test
    void passwordsNeverAppearInACommandDescription() {
        ProcessResult result = new ProcessResult(List.of("vpncmd", "127.0.0.1:5555", "/SERVER", "/password:s3cret",
                "/CMD", "UserPasswordSet", "bob", "/PASSWORD:hunter2"), 9, "", "", false, java.time.Duration.ZERO);

        assertThat(result.describe()).doesNotContain("s3cret").doesNotContain("hunter2").contains("/PASSWORD:***");
    }
}
