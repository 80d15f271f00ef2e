package io.hubfarm.node.protocol.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackRoundTripTest {

    private static Pack roundTrip(Pack pack) {
        return Pack.decode(pack.encode(), PackLimits.NEGOTIATION);
    }

    @Test
    void everyValueTypeSurvives() {
        byte[] random = new byte[20];
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) (i * 37);
        }
        Pack pack = Pack.builder()
                .putInt("version", 501)
                .putInt("unsigned", 0xF5010000)
                .putBool("use_encrypt", true)
                .putInt64("CreatedTime", 1_700_000_000_123L)
                .putInt64("max", Long.MIN_VALUE)
                .putData("random", random)
                .putStr("hello", "SoftEther VPN Server")
                .putUniStr("Note", "a note")
                .build();

        Pack decoded = roundTrip(pack);

        assertThat(decoded).isEqualTo(pack);
        assertThat(decoded.elements()).extracting(PackElement::name)
                .containsExactly("version", "unsigned", "use_encrypt", "CreatedTime", "max", "random", "hello", "Note");
        assertThat(decoded.findInt("version")).hasValue(501);
        assertThat(decoded.findInt("unsigned")).hasValue(0xF5010000);
        assertThat(decoded.getBool("use_encrypt", false)).isTrue();
        assertThat(decoded.findInt64("CreatedTime")).hasValue(1_700_000_000_123L);
        assertThat(decoded.findInt64("max")).hasValue(Long.MIN_VALUE);
        assertThat(decoded.findData("random")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(random));
        assertThat(decoded.findStr("hello")).hasValue("SoftEther VPN Server");
        assertThat(decoded.findUniStr("Note")).hasValue("a note");
    }

    @Test
    void arraysKeepTheirOrderAndLength() {
        Pack pack = Pack.builder()
                .putStrArray("Name", List.of("alice", "bob", "carol"))
                .putStrArray("GroupName", List.of("", "staff", ""))
                .putUniStrArray("Realname", List.of("Alice", "Böb", ""))
                .putIntArray("AuthType", 1, 2, 0)
                .putInt64Array("LastLoginTime", 0L, -1L, 42L)
                .putDataArray("UniqueId", List.of(new byte[16], new byte[] {1, 2}, new byte[0]))
                .build();

        Pack decoded = roundTrip(pack);

        assertThat(decoded).isEqualTo(pack);
        assertThat(decoded.getStrArray("Name")).containsExactly("alice", "bob", "carol");
        assertThat(decoded.getStrArray("GroupName")).containsExactly("", "staff", "");
        assertThat(decoded.getUniStrArray("Realname")).containsExactly("Alice", "Böb", "");
        assertThat(decoded.getIntArray("AuthType")).containsExactly(1, 2, 0);
        assertThat(decoded.getInt64Array("LastLoginTime")).containsExactly(0L, -1L, 42L);
        assertThat(decoded.getDataArray("UniqueId")).satisfiesExactly(
                first -> assertThat(first).isEqualTo(new byte[16]),
                second -> assertThat(second).containsExactly(1, 2),
                third -> assertThat(third).isEmpty());
    }

    @Test
    void emptyValuesAreEncodedAsZeroLengthAndUniStrKeepsItsNul() {
        Pack pack = Pack.builder().putStr("s", "").putUniStr("u", "").putData("d", new byte[0]).build();

        byte[] wire = pack.encode();

        assertThat(Wire.hex(wire)).isEqualTo(Wire.hex(Wire.hex("00000003"
                + " | 00000002 73 00000002 00000001 00000000"
                + " | 00000002 75 00000003 00000001 00000001 00"
                + " | 00000002 64 00000001 00000001 00000000")));
        assertThat(roundTrip(pack)).isEqualTo(pack);
        assertThat(roundTrip(pack).findUniStr("u")).hasValue("");
    }

    @Test
    void uniStrIsUtf8WithTheNulCountedInTheLength() {
        String text = "Grüße, 日本語, 🙂";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Pack pack = Pack.builder().putUniStr("Realname", text).build();

        byte[] wire = pack.encode();

        String expected = "00000001 00000009" + Wire.ascii("Realname") + " 00000003 00000001"
                + String.format("%08x", utf8.length + 1) + Wire.hex(utf8) + "00";
        assertThat(Wire.hex(wire)).isEqualTo(Wire.hex(Wire.hex(expected)));
        assertThat(roundTrip(pack).findUniStr("Realname")).hasValue(text);
    }

    @Test
    void strIsUtf8WithoutATerminator() {
        Pack pack = Pack.builder().putStr("hubname", "Zürich").build();

        assertThat(Wire.hex(pack.encode())).endsWith("00000007" + Wire.hex("Zürich".getBytes(StandardCharsets.UTF_8)));
        assertThat(roundTrip(pack).findStr("hubname")).hasValue("Zürich");
    }

    @Test
    void anEmptyPackIsFourZeroBytes() {
        Pack empty = Pack.builder().build();

        assertThat(empty.encode()).containsExactly(0, 0, 0, 0);
        assertThat(roundTrip(empty).elements()).isEmpty();
    }

    @Test
    void decodingConsumesTheByteBuffer() {
        ByteBuffer buffer = ByteBuffer.wrap(Wire.hex(PackSpecVectorsTest.ERROR_9));

        Pack.decode(buffer, PackLimits.NEGOTIATION);

        assertThat(buffer.hasRemaining()).isFalse();
    }
}
