package io.hubfarm.schema;

import java.util.regex.Pattern;

/**
 * The names hubfarm stores. Restricting them to ASCII makes "unique without regard to case" mean
 * ASCII case folding, as in SoftEther, on MySQL and MariaDB alike.
 */
public final class Names {
    private static final Pattern HUB = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@+\\-]{0,63}");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    /** Linux accepts any 15 bytes but '/', ':' and blanks; this is the subset interface names use. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@\\-]{0,14}");

    private Names() {
    }

    public static String hub(String name) {
        return check(HUB, name, "hub name", "letters, digits, '_', '.', '-'");
    }

    public static String user(String name) {
        return check(USER, name, "user name", "letters, digits, '_', '.', '@', '+', '-'");
    }

    public static String node(String name) {
        return check(NODE, name, "node name", "letters, digits, '_', '.', '-'");
    }

    /** A network interface name as Linux takes it (IFNAMSIZ: at most 15 characters). */
    public static String device(String name) {
        if (name == null || !DEVICE.matcher(name).matches()) {
            throw new IllegalArgumentException("device name '" + name + "' is not valid: 1 to 15 characters of"
                    + " letters, digits, '_', '.', '@', '-', starting with a letter or digit");
        }
        return name;
    }

    private static String check(Pattern pattern, String name, String what, String allowed) {
        if (name == null || !pattern.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not valid: 1 to 64 characters of "
                    + allowed + ", starting with a letter or digit");
        }
        return name;
    }
}
