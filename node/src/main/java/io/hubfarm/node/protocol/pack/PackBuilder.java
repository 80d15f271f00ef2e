package io.hubfarm.node.protocol.pack;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Assembles a {@link Pack}. Elements keep the order they were put in. Putting a name twice (in any
 * case) is refused, because a peer would reject the whole PACK for it.
 */
public final class PackBuilder {
    private final Map<String, PackElement> elements = new LinkedHashMap<>();

    PackBuilder() {
    }

    public PackBuilder put(PackElement element) {
        Objects.requireNonNull(element, "element");
        PackElement previous = elements.putIfAbsent(ElementNames.fold(element.name()), element);
        if (previous != null) {
            throw new IllegalArgumentException("PACK already has an element '" + previous.name() + "'; '"
                    + element.name() + "' would duplicate it (names are case-insensitive)");
        }
        return this;
    }

    public PackBuilder putInt(String name, int value) {
        return put(PackElement.of(name, new PackValue.Int(value)));
    }

    /** An INT 0 or 1, which is how SoftEther sends booleans. */
    public PackBuilder putBool(String name, boolean value) {
        return putInt(name, value ? 1 : 0);
    }

    public PackBuilder putInt64(String name, long value) {
        return put(PackElement.of(name, new PackValue.Int64(value)));
    }

    public PackBuilder putData(String name, byte[] value) {
        return put(PackElement.of(name, new PackValue.Data(value)));
    }

    public PackBuilder putStr(String name, String value) {
        return put(PackElement.of(name, new PackValue.Str(value)));
    }

    public PackBuilder putUniStr(String name, String value) {
        return put(PackElement.of(name, new PackValue.UniStr(value)));
    }

    /** The four elements of SoftEther's IP encoding (spec §2, "IP addresses"). */
    public PackBuilder putIp(String name, InetAddress address) {
        PackIpAddress.put(this, name, address);
        return this;
    }

    // Arrays. An empty array puts nothing: an element must have a value, and SoftEther's readers take
    // a missing array for an empty one.

    public PackBuilder putIntArray(String name, int... values) {
        List<PackValue> list = new ArrayList<>(values.length);
        for (int value : values) {
            list.add(new PackValue.Int(value));
        }
        return putArray(name, list);
    }

    public PackBuilder putInt64Array(String name, long... values) {
        List<PackValue> list = new ArrayList<>(values.length);
        for (long value : values) {
            list.add(new PackValue.Int64(value));
        }
        return putArray(name, list);
    }

    public PackBuilder putDataArray(String name, List<byte[]> values) {
        return putArray(name, map(values, PackValue.Data::new));
    }

    public PackBuilder putStrArray(String name, List<String> values) {
        return putArray(name, map(values, PackValue.Str::new));
    }

    public PackBuilder putUniStrArray(String name, List<String> values) {
        return putArray(name, map(values, PackValue.UniStr::new));
    }

    /** {@link #putIp} for the rows of a list reply: the four elements as arrays. */
    public PackBuilder putIpArray(String name, List<InetAddress> addresses) {
        PackIpAddress.putArray(this, name, addresses);
        return this;
    }

    public Pack build() {
        return new Pack(List.copyOf(elements.values()));
    }

    private PackBuilder putArray(String name, List<PackValue> values) {
        ElementNames.requireValid(Objects.requireNonNull(name, "name"));
        return values.isEmpty() ? this : put(new PackElement(name, values));
    }

    private static <T> List<PackValue> map(List<T> values, Function<T, PackValue> wrap) {
        List<PackValue> list = new ArrayList<>(values.size());
        for (T value : values) {
            list.add(wrap.apply(value));
        }
        return list;
    }
}
