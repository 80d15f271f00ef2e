package io.hubfarm.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A domain name as the responder compares and writes it: lower case, absolute (with the final dot),
 * checked against RFC 1035's limits (labels of 1-63 octets, 255 octets on the wire). Comparison is
 * by ASCII case folding, as DNS requires.
 */
public record DnsName(String text) {
    public static final DnsName ROOT = new DnsName(".");
    private static final int MAX_LABEL = 63;
    private static final int MAX_WIRE = 255;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?");

    public DnsName {
        if (!text.equals(".")) {
            if (!text.endsWith(".") || text.startsWith(".")) {
                throw new IllegalArgumentException("'" + text + "' is not an absolute domain name");
            }
            for (String label : text.substring(0, text.length() - 1).split("\\.", -1)) {
                if (label.isEmpty() || label.length() > MAX_LABEL || !LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException("'" + text + "' has an invalid label '" + label
                            + "' (letters, digits and hyphens, 1 to " + MAX_LABEL + " characters)");
                }
            }
            if (wireLength(text) > MAX_WIRE) {
                throw new IllegalArgumentException("'" + text + "' is longer than " + MAX_WIRE + " octets");
            }
        }
    }

    /** A name as an operator writes it ("vpn.example.com", with or without the final dot, any case). */
    public static DnsName of(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals(".")) {
            return ROOT;
        }
        return new DnsName(lower.endsWith(".") ? lower : lower + ".");
    }

    /** A name from a query, or empty if it is not one the responder could hold (it is then simply unknown). */
    public static Optional<DnsName> parse(String queried) {
        try {
            return Optional.of(of(queried));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True if this name is {@code zone} or below it. */
    public boolean isWithin(DnsName zone) {
        return zone.equals(ROOT) || text.equals(zone.text) || text.endsWith("." + zone.text);
    }

    /** {@code label.this} */
    public DnsName child(String label) {
        return new DnsName(label.toLowerCase(Locale.ROOT) + "." + (equals(ROOT) ? "" : text));
    }

    /** The name without its final dot, as zone files and people write it. */
    public String relativeText() {
        return text.equals(".") ? "." : text.substring(0, text.length() - 1);
    }

    /** The uncompressed wire form: length-prefixed labels and a zero octet. */
    public byte[] wire() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 1);
        if (!text.equals(".")) {
            for (String label : text.substring(0, text.length() - 1).split("\\.")) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    /** Octets of {@link #wire()}. */
    public int wireLength() {
        return wireLength(text);
    }

    static int wireLength(String absolute) {
        return absolute.equals(".") ? 1 : absolute.length() + 1;
    }

    @Override
    public String toString() {
        return text;
    }
}
