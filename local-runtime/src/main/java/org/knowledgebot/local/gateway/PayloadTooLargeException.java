package org.knowledgebot.local.gateway;

/** A frame above API Gateway's 32 KB limit; like PostToConnection, the runtime refuses it rather than splitting it. */
public final class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(int bytes) {
        super("frame of " + bytes + " bytes exceeds the " + LocalConnections.MAX_FRAME_BYTES + " byte limit");
    }
}
