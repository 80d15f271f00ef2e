package io.hubfarm.node.cli;

import io.hubfarm.node.Main;
import io.hubfarm.schema.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code hubfarm} commands in-process against a test database, capturing stdout and stderr. */
final class Cli {
    private final TestDatabase db;
    private final Path dir;

    Cli(TestDatabase db, Path dir) {
        this.db = db;
        this.dir = dir;
    }

    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The data rows (header dropped), each split at whitespace as a script would. */
        List<List<String>> rows() {
            return out.lines().skip(1).map(l -> Arrays.asList(l.trim().split("\\s+"))).toList();
        }
    }

    /** Runs the command with this test's database options appended, the way an operator passes them. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", db.url().toJdbc(), "--db-user", db.settings().user()));
        if (!db.settings().password().isEmpty()) {
            all.addAll(List.of("--db-password-file", file(db.settings().password()).toString()));
        }
        return runExactly(all.toArray(String[]::new));
    }

    static Result runExactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    /** A password file as an editor writes it: the secret and a newline. */
    Path passwordFile(String password) {
        return file(password + "\n");
    }

    private Path file(String content) {
        try {
            return Files.writeString(Files.createTempFile(dir, "secret", ".txt"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
