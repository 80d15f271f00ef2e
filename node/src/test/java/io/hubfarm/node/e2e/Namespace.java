package io.hubfarm.node.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace of the lab. {@code role} is the short, stable label ("srv", "a", "b") used
 * in file names and reports; {@code name} is the unique kernel name of this run.
 */
public record Namespace(String name, String role) {
    /** The command line that runs {@code command} inside this namespace. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    @Override
    public String toString() {
        return role + "(" + name + ")";
    }
}
