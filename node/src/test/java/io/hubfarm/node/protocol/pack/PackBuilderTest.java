package io.hubfarm.node.protocol.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the builder refuses: anything a peer would reject, found where the mistake is made. */
class PackBuilderTest {

    @Test
    void keepsInsertionOrder() {
        Pack pack = Pack.builder().putInt("z", 1).putInt("a", 2).putInt("m", 3).build();

        assertThat(pack.elements()).extracting(PackElement::name).containsExactly("z", "a", "m");
    }

    @Test
    void refusesTheSameNameTwice() {
        PackBuilder builder = Pack.builder().putInt("error", 0);

        assertThatThrownBy(() -> builder.putInt("error", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has an element 'error'");
    }

    @Test
    void refusesANameDifferingOnlyInCase() {
        PackBuilder builder = Pack.builder().putStr("hubname", "a");

        assertThatThrownBy(() -> builder.putStr("HubName", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'HubName' would duplicate it");
    }

    @Test
    void refusesBadNames() {
        assertThatThrownBy(() -> Pack.builder().putInt("n".repeat(64), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 characters long, more than 63");
        assertThatThrownBy(() -> Pack.builder().putInt("", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Pack.builder().putInt("Grüße", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside printable ASCII");
        assertThatThrownBy(() -> Pack.builder().putIntArray("n".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIpNameMustLeaveRoomForItsSuffixes() {
        assertThatThrownBy(() -> Pack.builder().putIp("n".repeat(50), InetAddress.ofLiteral("10.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 63");
    }

    @Test
    void refusesStringsWithNul() {
        assertThatThrownBy(() -> Pack.builder().putStr("s", "a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> Pack.builder().putUniStr("u", "\0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void emptyArraysAreOmitted() {
        Pack pack = Pack.builder()
                .putIntArray("Id")
                .putStrArray("Name", List.of())
                .putDataArray("UniqueId", List.of())
                .build();

        assertThat(pack.elements()).isEmpty();
        assertThat(pack.getIntArray("Id")).isEmpty();
    }

    @Test
    void anElementHasValuesOfOneType() {
        assertThatThrownBy(() -> PackElement.of("x", new PackValue.Int(1), new PackValue.Int64(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PACK element 'x' mixes types: value 0 is int, value 1 is int64");
        assertThatThrownBy(() -> new PackElement("x", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PACK element 'x' has no values");
    }

    @Test
    void theBuilderCanGoOnAfterBuilding() {
        PackBuilder builder = Pack.builder().putInt("a", 1);
        Pack first = builder.build();
        builder.putInt("b", 2);

        assertThat(first.elements()).hasSize(1);
        assertThat(builder.build().elements()).hasSize(2);
    }
}
