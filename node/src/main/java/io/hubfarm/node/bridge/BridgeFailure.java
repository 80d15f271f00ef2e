package io.hubfarm.node.bridge;

import java.util.Locale;

/**
 * Why a bridge is not running. The message an operator sees starts with the reason in words
 * ("device missing: ...") so that {@code bridge list} reads the same for every kind of failure.
 */
public final class BridgeFailure extends Exception {

    /** The kinds of failure the issue names, plus the ones a kernel can add. */
    public enum Reason {
        DEVICE_MISSING,
        DEVICE_DOWN,
        DEVICE_BUSY,
        PERMISSION_DENIED,
        HUB_OFFLINE,
        HUB_DYNAMIC,
        UNSUPPORTED,
        IO_ERROR;

        String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Reason reason;

    public BridgeFailure(Reason reason, String detail) {
        super(reason.words() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Classifies a failed system call on a device by its errno. */
    static BridgeFailure of(String device, NativeCallException e, String privilege) {
        return switch (e.errno()) {
            case LinuxCalls.EPERM, LinuxCalls.EACCES -> new BridgeFailure(Reason.PERMISSION_DENIED,
                    e.getMessage() + "; the node must run as root or with " + privilege);
            case LinuxCalls.ENODEV, LinuxCalls.ENXIO -> new BridgeFailure(Reason.DEVICE_MISSING,
                    "no network interface '" + device + "' on this node (" + e.getMessage() + ")");
            case LinuxCalls.ENETDOWN -> new BridgeFailure(Reason.DEVICE_DOWN,
                    "network interface '" + device + "' went down or away (" + e.getMessage() + ")");
            case LinuxCalls.EBUSY -> new BridgeFailure(Reason.DEVICE_BUSY,
                    "'" + device + "' is held by another process (" + e.getMessage() + ")");
            default -> new BridgeFailure(Reason.IO_ERROR, device + ": " + e.getMessage());
        };
    }
}
