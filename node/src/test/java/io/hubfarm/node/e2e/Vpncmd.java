package io.hubfarm.node.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's vpncmd, run inside one namespace with its own private state directories (it writes
 * lang.config there). Arguments that start with '/' are options to vpncmd, so file arguments must be
 * relative; stdin is always at EOF and the timeout bounds the run, because a wrong admin password
 * makes vpncmd prompt and, at EOF, spin.
 */
public final class Vpncmd {
    public static final Path BINARY = Path.of("/usr/libexec/softether/vpncmd/vpncmd");
    static final String COMPLETED = "The command completed successfully.";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final VpnLab lab;
    private final Namespace ns;
    private final SoftEtherState state;

    public Vpncmd(VpnLab lab, Namespace ns, String name) {
        requireInstalled(BINARY, "softether-vpncmd");
        this.lab = lab;
        this.ns = ns;
        this.state = SoftEtherState.create(lab.newDirectory(name));
    }

    /** One vpncmd invocation, e.g. {@code run("localhost", "/CLIENT", "/CMD", "AccountList")}; not checked. */
    public ProcessResult run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(args);
        return lab.exec(ns, TIMEOUT, state.command(command));
    }

    /** Like {@link #run} but fails unless vpncmd exited 0 and said the command completed. */
    public String runOk(List<String> args) {
        ProcessResult result = run(args);
        if (!succeeded(result)) {
            throw new LabException("vpncmd failed in " + ns + ": " + result.describe());
        }
        return result.stdout();
    }

    /** vpncmd exits with the SoftEther error code of the command (0 on success). */
    public static boolean succeeded(ProcessResult result) {
        return result.succeeded() && result.stdout().contains(COMPLETED);
    }

    static void requireInstalled(Path binary, String debianPackage) {
        if (!Files.isExecutable(binary)) {
            throw new LabException(binary + " is missing: install the Debian package " + debianPackage
                    + " (scripts/test installs everything the e2e tests need)");
        }
    }
}
