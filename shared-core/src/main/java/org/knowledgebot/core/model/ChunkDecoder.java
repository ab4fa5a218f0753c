package org.knowledgebot.core.model;

import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Completion;

/** Decodes the JSON chunks of one streamed Bedrock invocation, in order. Not thread-safe. */
public interface ChunkDecoder {
    /**
     * The text of one chunk, {@code ""} when it has none.
     *
     * @throws org.knowledgebot.core.port.ModelException for an error chunk or a chunk that is not JSON
     */
    String accept(String chunkJson);

    /** How the invocation ended so far: stop reason in the typed protocol's vocabulary, and usage. */
    Completion completion();

    Usage usage();
}
