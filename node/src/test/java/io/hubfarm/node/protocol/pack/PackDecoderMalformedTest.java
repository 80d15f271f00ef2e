package io.hubfarm.node.protocol.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per way a PACK can be wrong; each must fail with a message that says where. */
class PackDecoderMalformedTest {

    /**
     * Bytes after a broken element, so that the input is long enough for the smallest element and the
     * decoder gets as far as the fault under test.
     */
    private static final String PADDING = " ffffffff";

    /** One element 'a' holding one INT 7: a well-formed base to break. */
    private static final String INT_ELEMENT_A = "00000002 61 00000000 00000001 00000007";

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String hex, PackLimits limits) {
        return assertThatThrownBy(() -> Pack.decode(Wire.hex(hex), limits)).isInstanceOf(PackFormatException.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String hex) {
        return assertRejected(hex, PackLimits.NEGOTIATION);
    }

    static IntStream everyProperPrefixOfTheSpecVector() {
        return IntStream.range(0, Wire.hex(PackSpecVectorsTest.HELLO_NOTE).length);
    }

    @ParameterizedTest(name = "cut after {0} bytes")
    @MethodSource("everyProperPrefixOfTheSpecVector")
    void truncatedAnywhere(int length) {
        byte[] prefix = Arrays.copyOf(Wire.hex(PackSpecVectorsTest.HELLO_NOTE), length);

        assertThatThrownBy(() -> Pack.decode(prefix, PackLimits.NEGOTIATION))
                .isInstanceOf(PackFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedInTheElementCount() {
        assertRejected("0000")
                .hasMessage("bad PACK: truncated: 4 bytes needed for the element count, only 2 remain (offset 0)");
    }

    @Test
    void truncatedInTheName() {
        assertRejected("00000001 00000028 " + Wire.ascii("error") + " 00000000 00000001 00000009")
                .hasMessage("bad PACK element #0: truncated: 39 bytes needed for the name, only 17 remain (offset 8)");
    }

    @Test
    void truncatedInAValueLength() {
        assertRejected("00000001 00000002 64 00000001 00000002 00000002 abcd 0000")
                .hasMessage("bad PACK element #0 'd' value #1: truncated: 4 bytes needed for the data length, only 2 remain (offset 23)");
    }

    @Test
    void truncatedInsideData() {
        assertRejected("00000001 00000002 64 00000001 00000001 00000004 010203")
                .hasMessage("bad PACK element #0 'd' value #0: truncated: 4 bytes needed for the data bytes, only 3 remain (offset 21)");
    }

    @Test
    void truncatedBeforeTheSecondElement() {
        assertRejected("00000002 " + INT_ELEMENT_A)
                .hasMessage("bad PACK: truncated: 2 elements need at least 34 bytes, only 17 remain (offset 4)");
    }

    @Test
    void elementCountOverTheLimitIsRefusedBeforeReadingFurther() {
        assertRejected("ffffffff")
                .hasMessage("bad PACK: 4294967295 elements, more than the limit of 4096 (offset 0)");
    }

    @Test
    void elementCountOverACustomLimit() {
        PackLimits oneElement = new PackLimits(65_536, 1, 16, 1024);

        assertRejected(PackSpecVectorsTest.HELLO_NOTE, oneElement)
                .hasMessage("bad PACK: 2 elements, more than the limit of 1 (offset 0)");
    }

    @Test
    void valueCountOverTheLimit() {
        assertRejected("00000001 00000002 61 00000000 ffffffff 00000007")
                .hasMessage("bad PACK element #0 'a': 4294967295 values, more than the limit of 4096 (offset 13)");
    }

    @Test
    void valueCountWithinTheLimitButBeyondTheInput() {
        assertRejected("00000001 00000002 61 00000004 00001000 00000007")
                .hasMessage("bad PACK element #0 'a': truncated: 4096 int64 values need at least 32768 bytes, only 4 remain (offset 17)");
    }

    @Test
    void dataLengthOverTheLimitIsRefusedBeforeAllocating() {
        assertRejected("00000001 00000002 64 00000001 00000001 7fffffff 00")
                .hasMessage("bad PACK element #0 'd' value #0: data length 2147483647, more than the limit of 65536 (offset 17)");
    }

    @Test
    void strLengthOverACustomLimit() {
        PackLimits shortValues = new PackLimits(65_536, 16, 16, 4);

        assertRejected("00000001 00000002 73 00000002 00000001 00000005 6162636465", shortValues)
                .hasMessage("bad PACK element #0 's' value #0: str length 5, more than the limit of 4 (offset 17)");
    }

    @Test
    void packLargerThanTheTotalLimit() {
        PackLimits small = new PackLimits(16, 16, 16, 16);

        assertRejected(PackSpecVectorsTest.ERROR_9, small)
                .hasMessage("bad PACK: the PACK is 25 bytes, more than the limit of 16 (offset 0)");
    }

    @Test
    void unknownTypeCode() {
        assertRejected("00000001 00000002 61 00000005 00000001 00000007")
                .hasMessage("bad PACK element #0 'a': unknown value type 5 (offset 9)");
    }

    @Test
    void duplicateName() {
        assertRejected("00000002 " + INT_ELEMENT_A + INT_ELEMENT_A)
                .hasMessage("bad PACK element #1 'a': the name duplicates element 'a' (names are case-insensitive) (offset 25)");
    }

    @Test
    void duplicateNameDifferingOnlyInCase() {
        assertRejected("00000002 | 00000008 " + Wire.ascii("HubName") + " 00000002 00000001 00000001 41"
                + " | 00000008 " + Wire.ascii("hubname") + " 00000002 00000001 00000001 42")
                .hasMessageContaining("element #1 'hubname': the name duplicates element 'HubName'");
    }

    @Test
    void zeroNameLength() {
        assertRejected("00000001 00000000 00000000 00000001 00000007" + PADDING)
                .hasMessage("bad PACK element #0: the name length is 0, but it counts a NUL that is not sent, so it is at least 1 (offset 4)");
    }

    @Test
    void emptyName() {
        assertRejected("00000001 00000001 00000000 00000001 00000007" + PADDING)
                .hasMessage("bad PACK element #0: the name is empty (offset 4)");
    }

    @Test
    void nameOfSixtyFourCharacters() {
        assertRejected("00000001 00000041 " + Wire.ascii("n".repeat(64)) + " 00000000 00000001 00000007")
                .hasMessage("bad PACK element #0: the name is 64 bytes long, more than 63 (offset 4)");
    }

    @Test
    void nameOfSixtyThreeCharactersIsFine() {
        Pack pack = Pack.decode(Wire.hex("00000001 00000040 " + Wire.ascii("n".repeat(63)) + " 00000000 00000001 00000007"),
                PackLimits.NEGOTIATION);

        assertThat(pack.findInt("n".repeat(63))).hasValue(7);
    }

    @Test
    void nameWithAControlCharacter() {
        assertRejected("00000001 00000003 6100 00000000 00000001 00000007")
                .hasMessage("bad PACK element #0: the name has character 0x00 at index 1, outside printable ASCII (offset 8)");
    }

    @Test
    void nameWithANonAsciiByte() {
        assertRejected("00000001 00000003 61c3 00000000 00000001 00000007")
                .hasMessageContaining("character 0xc3 at index 1, outside printable ASCII");
    }

    @Test
    void trailingGarbage() {
        assertRejected(PackSpecVectorsTest.ERROR_9 + "00")
                .hasMessage("bad PACK: 1 bytes follow the last element (offset 25)");
    }

    @Test
    void elementWithoutValues() {
        assertRejected("00000001 00000002 61 00000000 00000000" + PADDING)
                .hasMessage("bad PACK element #0 'a': the element has no values (offset 13)");
    }

    @Test
    void uniStrWithoutItsNul() {
        assertRejected("00000001 00000002 75 00000003 00000001 00000002 6162")
                .hasMessage("bad PACK element #0 'u' value #0: the UNISTR value does not end with the NUL its length must include (offset 17)");
    }

    @Test
    void uniStrOfLengthZero() {
        assertRejected("00000001 00000002 75 00000003 00000001 00000000")
                .hasMessageContaining("does not end with the NUL");
    }

    @Test
    void nulInsideAStr() {
        assertRejected("00000001 00000002 73 00000002 00000001 00000003 610062")
                .hasMessage("bad PACK element #0 's' value #0: a NUL byte inside the str value (offset 22)");
    }

    @Test
    void nulInsideAUniStr() {
        assertRejected("00000001 00000002 75 00000003 00000001 00000003 610000")
                .hasMessageContaining("a NUL byte inside the unistr value");
    }

    @Test
    void errorInALaterArrayValueNamesIt() {
        assertRejected("00000001 00000002 73 00000002 00000002 00000001 61 00000001 00")
                .hasMessageStartingWith("bad PACK element #0 's' value #1: a NUL byte");
    }

    @Test
    void aRejectedBufferKeepsItsPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(Wire.hex(PackSpecVectorsTest.ERROR_9 + "00"));

        assertThatThrownBy(() -> Pack.decode(buffer, PackLimits.NEGOTIATION)).isInstanceOf(PackFormatException.class);
        assertThat(buffer.position()).isZero();
    }
}
