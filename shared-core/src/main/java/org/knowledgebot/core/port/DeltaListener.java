package org.knowledgebot.core.port;

/** Receives the pieces of a streamed answer, in order. */
@FunctionalInterface
public interface DeltaListener {
    void onDelta(String text);
}
