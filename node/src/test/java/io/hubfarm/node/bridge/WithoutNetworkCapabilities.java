package io.hubfarm.node.bridge;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a fresh thread that has dropped CAP_NET_ADMIN and CAP_NET_RAW from its effective set,
 * which is what a node started by an ordinary user lacks. Linux capabilities belong to a thread, so
 * the rest of the test JVM keeps its own.
 */
final class WithoutNetworkCapabilities {
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_NET_RAW = 13;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor CAP_CALL =
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
    private static final MethodHandle CAPGET = LINKER.downcallHandle(LINKER.defaultLookup().find("capget").orElseThrow(), CAP_CALL);
    private static final MethodHandle CAPSET = LINKER.downcallHandle(LINKER.defaultLookup().find("capset").orElseThrow(), CAP_CALL);

    private WithoutNetworkCapabilities() {
    }

    static <T> T call(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("without-net-caps").start(() -> {
            try {
                dropNetworkCapabilities();
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            } catch (Throwable t) {
                failure.set(new RuntimeException(t));
            }
        });
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static void dropNetworkCapabilities() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8);
            header.set(ValueLayout.JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            header.set(ValueLayout.JAVA_INT, 4, 0);
            MemorySegment data = arena.allocate(24);
            if ((int) CAPGET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget failed");
            }
            int effective = data.get(ValueLayout.JAVA_INT, 0);
            effective &= ~((1 << CAP_NET_ADMIN) | (1 << CAP_NET_RAW));
            data.set(ValueLayout.JAVA_INT, 0, effective);
            if ((int) CAPSET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset failed");
            }
        }
    }
}
