package io.hubfarm.node.protocol.pack;

import java.util.List;
import java.util.Objects;

/**
 * One named element of a {@link Pack}: one value, or several for an array (spec §2, "Arrays"). An
 * element always has at least one value, all of one type; SoftEther omits empty arrays rather than
 * sending them.
 *
 * @param name   1 to 63 printable ASCII characters; compared without regard to ASCII case
 * @param values the values in wire order
 */
public record PackElement(String name, List<PackValue> values) {

    public static final int MAX_NAME_LENGTH = ElementNames.MAX_LENGTH;

    public PackElement {
        ElementNames.requireValid(Objects.requireNonNull(name, "name"));
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("PACK element '" + name + "' has no values");
        }
        PackValueType type = values.getFirst().type();
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i).type() != type) {
                throw new IllegalArgumentException("PACK element '" + name + "' mixes types: value 0 is " + type
                        + ", value " + i + " is " + values.get(i).type());
            }
        }
    }

    public static PackElement of(String name, PackValue... values) {
        return new PackElement(name, List.of(values));
    }

    /** The type shared by all values. */
    public PackValueType type() {
        return values.getFirst().type();
    }
}
