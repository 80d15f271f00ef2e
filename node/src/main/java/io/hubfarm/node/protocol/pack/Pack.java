package io.hubfarm.node.protocol.pack;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * An immutable PACK (spec §2): uniquely named elements, each holding one value or an array of
 * values of one type.
 *
 * <p>Lookups follow SoftEther's rules. Names match without regard to ASCII case. A getter states the
 * type it wants, and an element of another type reads as absent, exactly as if it had not been sent
 * (a {@code timeout} sent as INT64 is no INT {@code timeout}). Scalar getters read the first value of
 * an array; array getters return every value, and an absent array is empty.
 */
public final class Pack {
    private final List<PackElement> elements;
    private final Map<String, PackElement> byFoldedName;

    Pack(List<PackElement> elements) {
        this.elements = List.copyOf(elements);
        this.byFoldedName = HashMap.newHashMap(elements.size());
        for (PackElement element : this.elements) {
            if (byFoldedName.putIfAbsent(ElementNames.fold(element.name()), element) != null) {
                throw new IllegalArgumentException("duplicate PACK element name '" + element.name() + "'");
            }
        }
    }

    public static PackBuilder builder() {
        return new PackBuilder();
    }

    /** Decodes {@code wire}, which must hold exactly one PACK. */
    public static Pack decode(byte[] wire, PackLimits limits) {
        return decode(ByteBuffer.wrap(wire), limits);
    }

    /**
     * Decodes the remaining bytes of {@code wire}, which must be exactly one PACK. On success the
     * position moves to the limit; on failure it stays where it was.
     */
    public static Pack decode(ByteBuffer wire, PackLimits limits) {
        return PackDecoder.decode(wire, limits);
    }

    /** The wire form, elements in the order they were put. */
    public byte[] encode() {
        return PackEncoder.encode(this);
    }

    /** All elements, in insertion (or wire) order. */
    public List<PackElement> elements() {
        return elements;
    }

    /** The element called {@code name} in any case, whatever its type. */
    public Optional<PackElement> element(String name) {
        return Optional.ofNullable(byFoldedName.get(ElementNames.fold(name)));
    }

    public OptionalInt findInt(String name) {
        return first(name) instanceof PackValue.Int(int value) ? OptionalInt.of(value) : OptionalInt.empty();
    }

    public int getInt(String name, int defaultValue) {
        return findInt(name).orElse(defaultValue);
    }

    /** An INT read as SoftEther reads a boolean: anything but 0 is true. */
    public Optional<Boolean> findBool(String name) {
        OptionalInt value = findInt(name);
        return value.isPresent() ? Optional.of(value.getAsInt() != 0) : Optional.empty();
    }

    public boolean getBool(String name, boolean defaultValue) {
        return findBool(name).orElse(defaultValue);
    }

    public OptionalLong findInt64(String name) {
        return first(name) instanceof PackValue.Int64(long value) ? OptionalLong.of(value) : OptionalLong.empty();
    }

    public long getInt64(String name, long defaultValue) {
        return findInt64(name).orElse(defaultValue);
    }

    /** A copy of the bytes. */
    public Optional<byte[]> findData(String name) {
        return first(name) instanceof PackValue.Data data ? Optional.of(data.bytes()) : Optional.empty();
    }

    public byte[] getData(String name, byte[] defaultValue) {
        return findData(name).orElse(defaultValue);
    }

    public Optional<String> findStr(String name) {
        return first(name) instanceof PackValue.Str(String value) ? Optional.of(value) : Optional.empty();
    }

    public String getStr(String name, String defaultValue) {
        return findStr(name).orElse(defaultValue);
    }

    public Optional<String> findUniStr(String name) {
        return first(name) instanceof PackValue.UniStr(String value) ? Optional.of(value) : Optional.empty();
    }

    public String getUniStr(String name, String defaultValue) {
        return findUniStr(name).orElse(defaultValue);
    }

    /** The address put by {@link PackBuilder#putIp}; see {@link PackIpAddress} for what counts as present. */
    public Optional<InetAddress> findIp(String name) {
        return PackIpAddress.find(this, name);
    }

    public InetAddress getIp(String name, InetAddress defaultValue) {
        return findIp(name).orElse(defaultValue);
    }

    public int[] getIntArray(String name) {
        return valuesOf(name, PackValueType.INT).stream().mapToInt(v -> ((PackValue.Int) v).value()).toArray();
    }

    public long[] getInt64Array(String name) {
        return valuesOf(name, PackValueType.INT64).stream().mapToLong(v -> ((PackValue.Int64) v).value()).toArray();
    }

    /** Copies of the bytes. */
    public List<byte[]> getDataArray(String name) {
        return valuesOf(name, PackValueType.DATA).stream().map(v -> ((PackValue.Data) v).bytes()).toList();
    }

    public List<String> getStrArray(String name) {
        return valuesOf(name, PackValueType.STR).stream().map(v -> ((PackValue.Str) v).value()).toList();
    }

    public List<String> getUniStrArray(String name) {
        return valuesOf(name, PackValueType.UNISTR).stream().map(v -> ((PackValue.UniStr) v).value()).toList();
    }

    private PackValue first(String name) {
        PackElement element = byFoldedName.get(ElementNames.fold(name));
        return element == null ? null : element.values().getFirst();
    }

    private List<PackValue> valuesOf(String name, PackValueType type) {
        PackElement element = byFoldedName.get(ElementNames.fold(name));
        return element != null && element.type() == type ? element.values() : List.of();
    }

    /** Equal when they hold the same elements: order carries no meaning in a PACK. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Pack pack && new HashSet<>(elements).equals(new HashSet<>(pack.elements));
    }

    @Override
    public int hashCode() {
        return new HashSet<>(elements).hashCode();
    }

    /**
     * Names, types and numbers, but only the sizes of strings and data: PACKs carry passwords, keys
     * and session keys, and this is what lands in logs.
     */
    @Override
    public String toString() {
        return elements.stream().map(Pack::describe).collect(Collectors.joining(", ", "Pack{", "}"));
    }

    private static String describe(PackElement element) {
        String values = element.values().stream().map(value -> switch (value) {
            case PackValue.Int(int v) -> Integer.toUnsignedString(v);
            case PackValue.Int64(long v) -> Long.toUnsignedString(v);
            case PackValue.Data data -> data.length() + " bytes";
            case PackValue.Str(String v) -> v.length() + " chars";
            case PackValue.UniStr(String v) -> v.length() + " chars";
        }).collect(Collectors.joining(", "));
        return element.name() + ":" + element.type() + "=" + (element.values().size() == 1 ? values : "[" + values + "]");
    }
}
