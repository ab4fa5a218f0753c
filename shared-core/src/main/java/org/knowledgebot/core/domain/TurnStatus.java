package org.knowledgebot.core.domain;

/** How a turn ended. Only COMPLETE turns are fed back to the models as history. */
public enum TurnStatus {
    COMPLETE,
    /** The model failed after some tokens had reached the client. */
    INCOMPLETE,
    /** The client went away or pressed stop while the answer streamed. */
    CANCELLED
}
