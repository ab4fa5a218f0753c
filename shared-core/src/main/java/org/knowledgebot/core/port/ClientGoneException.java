package org.knowledgebot.core.port;

/** The client disconnected; nothing more can be sent on that connection. */
public class ClientGoneException extends RuntimeException {
    public ClientGoneException(String connectionId) {
        super("connection " + connectionId + " is gone");
    }
}
