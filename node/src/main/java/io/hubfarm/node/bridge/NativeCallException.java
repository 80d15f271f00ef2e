package io.hubfarm.node.bridge;

/** A libc call failed; {@link #errno()} says how. */
final class NativeCallException extends Exception {
    private final int errno;

    NativeCallException(String call, int errno) {
        super(call + ": " + LinuxCalls.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
