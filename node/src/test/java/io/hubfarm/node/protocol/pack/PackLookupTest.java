package io.hubfarm.node.protocol.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SoftEther's lookup rules: by name without regard to case, and by type. */
class PackLookupTest {

    private final Pack pack = Pack.builder()
            .putInt64("timeout", 20_000)
            .putInt("max_connection", 2)
            .putStr("hubname", "TESTHUB")
            .putUniStr("Note", "note")
            .putData("session_key", new byte[20])
            .putStrArray("Name", List.of("alice", "bob"))
            .build();

    @Test
    void aValueOfAnotherTypeReadsAsAbsent() {
        assertThat(pack.findInt("timeout")).isEmpty();
        assertThat(pack.getInt("timeout", 0)).isZero();
        assertThat(pack.findInt64("timeout")).hasValue(20_000);
        assertThat(pack.findStr("Note")).isEmpty();
        assertThat(pack.findUniStr("hubname")).isEmpty();
        assertThat(pack.findData("hubname")).isEmpty();
        assertThat(pack.findInt64("max_connection")).isEmpty();
        assertThat(pack.findBool("hubname")).isEmpty();
        assertThat(pack.getIntArray("Name")).isEmpty();
        assertThat(pack.getUniStrArray("Name")).isEmpty();
    }

    @Test
    void namesMatchWithoutRegardToCase() {
        assertThat(pack.findStr("HubName")).hasValue("TESTHUB");
        assertThat(pack.findStr("HUBNAME")).hasValue("TESTHUB");
        assertThat(pack.findUniStr("note")).hasValue("note");
        assertThat(pack.getStrArray("NAME")).containsExactly("alice", "bob");
        assertThat(pack.element("TIMEOUT")).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(PackValueType.INT64));
    }

    @Test
    void caseFoldingIsAsciiOnly() {
        Pack withK = Pack.builder().putInt("key", 1).build();

        // U+212A KELVIN SIGN lower-cases to 'k' in Unicode; no SoftEther peer would call that the same name.
        assertThat(withK.findInt("\u212Aey")).isEmpty();
        assertThat(withK.findInt("KEY")).hasValue(1);
    }

    @Test
    void absentNamesGiveTheDefault() {
        assertThat(pack.findInt("missing")).isEmpty();
        assertThat(pack.getInt("missing", 7)).isEqualTo(7);
        assertThat(pack.getInt64("missing", -1)).isEqualTo(-1);
        assertThat(pack.getBool("missing", true)).isTrue();
        assertThat(pack.getStr("missing", "x")).isEqualTo("x");
        assertThat(pack.getUniStr("missing", "y")).isEqualTo("y");
        assertThat(pack.getData("missing", new byte[] {9})).containsExactly(9);
        assertThat(pack.getStrArray("missing")).isEmpty();
        assertThat(pack.getDataArray("missing")).isEmpty();
        assertThat(pack.getInt64Array("missing")).isEmpty();
        assertThat(pack.element("missing")).isEmpty();
    }

    @Test
    void aScalarGetterReadsTheFirstValueOfAnArray() {
        assertThat(pack.findStr("Name")).hasValue("alice");
    }

    @Test
    void boolIsAnyNonZeroInt() {
        Pack bools = Pack.builder().putInt("yes", 2).putInt("no", 0).putBool("flag", true).build();

        assertThat(bools.getBool("yes", false)).isTrue();
        assertThat(bools.getBool("no", true)).isFalse();
        assertThat(bools.findInt("flag")).hasValue(1);
    }

    @Test
    void intsAreUnsignedOnTheWire() {
        Pack productVersion = Pack.builder().putInt("ClientProductVer", 0xF5010000).build();

        assertThat(productVersion.element("ClientProductVer").orElseThrow().values().getFirst())
                .isInstanceOfSatisfying(PackValue.Int.class, v -> assertThat(v.unsigned()).isEqualTo(4_110_483_456L));
    }

    @Test
    void dataIsCopiedInAndOut() {
        byte[] key = {1, 2, 3};
        Pack withKey = Pack.builder().putData("key", key).build();
        key[0] = 9;
        withKey.findData("key").orElseThrow()[1] = 9;

        assertThat(withKey.findData("key")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
    }

    @Test
    void orderDoesNotMatterForEquality() {
        Pack ab = Pack.builder().putInt("a", 1).putStr("b", "x").build();
        Pack ba = Pack.builder().putStr("b", "x").putInt("a", 1).build();

        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
        assertThat(ab).isNotEqualTo(Pack.builder().putInt("a", 2).putStr("b", "x").build());
    }

    @Test
    void toStringShowsNumbersButNotSecrets() {
        Pack login = Pack.builder()
                .putInt("authtype", 2)
                .putStr("plain_password", "hunter2")
                .putData("secure_password", new byte[] {0x12, 0x34})
                .putIntArray("Port", 443, 992)
                .build();

        assertThat(login.toString())
                .isEqualTo("Pack{authtype:int=2, plain_password:str=7 chars, secure_password:data=2 bytes, Port:int=[443, 992]}")
                .doesNotContain("hunter2");
    }
}
