package io.hubfarm.node;

import io.hubfarm.node.cli.BridgeCommand;
import io.hubfarm.node.cli.ClusterCommand;
import io.hubfarm.node.cli.DbCommand;
import io.hubfarm.node.cli.DnsCommand;
import io.hubfarm.node.cli.HubCommand;
import io.hubfarm.node.cli.NodeCommand;
import io.hubfarm.node.cli.SessionCommand;
import io.hubfarm.node.cli.UserCommand;
import io.hubfarm.node.cli.WarmUpCommand;
import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.tls.ServerTls;
import io.hubfarm.schema.DatabaseException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code hubfarm} command. Every operator error ends in one line on stderr and exit status 2.
 * The help options are inherited, so that every subcommand answers the "see '... --help'" of its errors.
 */
@Command(name = "hubfarm", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Main.VersionProvider.class,
        description = "A clustered SoftEther-compatible VPN server on a shared MySQL/MariaDB database.",
        subcommands = {NodeCommand.class, DbCommand.class, HubCommand.class, UserCommand.class, SessionCommand.class,
                BridgeCommand.class, ClusterCommand.class, DnsCommand.class, WarmUpCommand.class})
public final class Main {
    public static final int USAGE_OR_CONFIG_ERROR = 2;

    public static void main(String[] args) {
        ServerTls.ignoreClientServerNames();
        // The daemon logs its progress; one-shot commands print only their answer.
        boolean daemon = args.length > 0 && args[0].equals("node");
        System.setProperty("hubfarm.log.level", System.getProperty("hubfarm.log.level", daemon ? "INFO" : "WARN"));
        System.exit(run(args, new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter err) {
        return run(args, new PrintWriter(System.out, true), err);
    }

    /** Runs one command with its answer on {@code out} and operator errors on {@code err}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
            return USAGE_OR_CONFIG_ERROR;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ConfigException || e instanceof DatabaseException) {
                err.println("hubfarm: " + e.getMessage());
                return USAGE_OR_CONFIG_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hubfarm " + Version.get()};
        }
    }
}
