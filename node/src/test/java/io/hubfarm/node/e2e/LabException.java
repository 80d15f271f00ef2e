package io.hubfarm.node.e2e;

/** A step of the end-to-end lab failed; the message says which step and carries the evidence. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
