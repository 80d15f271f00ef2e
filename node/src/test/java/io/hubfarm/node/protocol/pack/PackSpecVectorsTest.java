package io.hubfarm.node.protocol.pack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The byte examples of spec §2, both ways. */
class PackSpecVectorsTest {
    static final String ERROR_9 = "00000001 00000006 6572726f72 00000000 00000001 00000009";
    static final String HELLO_NOTE = "00000002 | 00000006 68656c6c6f 00000002 00000001 00000002 4869"
            + " | 00000005 4e6f7465 00000003 00000001 00000003 616200";

    @Test
    void encodesErrorPack() {
        Pack pack = Pack.builder().putInt("error", 9).build();

        assertThat(Wire.hex(pack.encode())).isEqualTo(Wire.hex(Wire.hex(ERROR_9)));
    }

    @Test
    void decodesErrorPack() {
        Pack pack = Pack.decode(Wire.hex(ERROR_9), PackLimits.NEGOTIATION);

        assertThat(pack.findInt("error")).hasValue(9);
        assertThat(pack.elements()).containsExactly(PackElement.of("error", new PackValue.Int(9)));
    }

    @Test
    void encodesStrAndUniStrPack() {
        Pack pack = Pack.builder().putStr("hello", "Hi").putUniStr("Note", "ab").build();

        assertThat(Wire.hex(pack.encode())).isEqualTo(Wire.hex(Wire.hex(HELLO_NOTE)));
    }

    @Test
    void decodesStrAndUniStrPackDroppingTheNul() {
        Pack pack = Pack.decode(Wire.hex(HELLO_NOTE), PackLimits.NEGOTIATION);

        assertThat(pack.findStr("hello")).hasValue("Hi");
        assertThat(pack.findUniStr("Note")).hasValue("ab");
        assertThat(pack).isEqualTo(Pack.builder().putStr("hello", "Hi").putUniStr("Note", "ab").build());
    }
}
