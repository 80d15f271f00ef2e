package io.hubfarm.node.cli;

import io.hubfarm.schema.bridge.LocalBridgeRepository;
import io.hubfarm.node.config.ConfigException;
import io.hubfarm.schema.Names;

/**
 * Checks what the operator typed before it reaches a repository, so that a bad name or number is
 * an operator error (one line, exit status 2) rather than a programming error with a stack trace.
 */
final class CliArguments {
    private CliArguments() {
    }

    static String hubName(String name) {
        try {
            return Names.hub(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static String userName(String name) {
        try {
            return Names.user(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** A device name, and in TAP mode short enough for the node's {@code tap_} prefix. */
    static String deviceName(String name, boolean tap) {
        try {
            Names.device(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (tap && name.length() > LocalBridgeRepository.MAX_TAP_NAME) {
            throw new ConfigException("a TAP device name has at most " + LocalBridgeRepository.MAX_TAP_NAME
                    + " characters (the node creates it as " + LocalBridgeRepository.TAP_PREFIX + "<name>), not '" + name + "'");
        }
        return name;
    }

    static int limit(int value, String option) {
        if (value < 0) {
            throw new ConfigException(option + " must be 0 (unlimited) or more, not " + value);
        }
        return value;
    }
}
