package org.knowledgebot.core.port;

/** Sends frames to a connected WebSocket client (API Gateway's @connections API, or the local runtime). */
public interface ClientChannel {
    /**
     * Sends one text frame (the caller keeps frames under 32 KB).
     *
     * @throws ClientGoneException when the client is no longer connected
     */
    void send(String connectionId, String frame);

    /** Closes the connection; a connection that is already gone is not an error. */
    void disconnect(String connectionId);
}
