package io.hubfarm.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI's contract for operator mistakes: one line on stderr, exit status 2. */
class MainTest {
    @Test
    void anUnknownOptionIsOneLine() {
        Result r = run("node", "--bogus");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err.lines()).containsExactly("hubfarm node: Unknown option: '--bogus' (see 'hubfarm node --help')");
    }

    @Test
    void aMalformedUrlIsOneLine() {
        Result r = run("db", "info", "--db-url", "mysql:/nowhere");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err.lines()).hasSize(1).first().asString().startsWith("hubfarm: database URL").contains("malformed");
    }

    @Test
    void anInvalidValueIsOneLine() {
        Result r = run("node", "--weight", "lots");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err.lines()).hasSize(1).first().asString().contains("--weight / HUBFARM_WEIGHT");
    }

    @Test
    void everySubcommandAnswersTheHelpItsErrorsPointTo() {
        for (String[] command : new String[][] {{"hub", "create"}, {"user", "set-password"}, {"session", "list"},
                {"db", "info"}, {"node"}}) {
            StringWriter out = new StringWriter();
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            assertThat(status).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).startsWith("Usage: hubfarm " + String.join(" ", command));
        }
    }

    @Test
    void aMissingSubcommandIsOneLine() {
        Result r = run("hub");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err.lines()).containsExactly("hubfarm hub: Missing required subcommand (see 'hubfarm hub --help')");
    }

    private record Result(int status, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(err, true));
        return new Result(status, err.toString());
    }
}
