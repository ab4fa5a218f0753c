package org.knowledgebot.core.port;

import java.util.List;
import org.knowledgebot.core.domain.Passage;

/** Finds passages for a standalone question (Kendra, a Bedrock knowledge base, or Lucene locally). */
public interface Retriever {
    /**
     * Returns passages in the retriever's relevance order, each with its confidence bucket.
     * Filtering by confidence is not the retriever's job; see {@code ConfidenceFilter}.
     *
     * @throws RetrievalException when the service cannot be reached or refuses the call
     */
    List<Passage> retrieve(String question);
}
