package org.knowledgebot.local;

import org.knowledgebot.local.model.Relevance;
import org.knowledgebot.local.retrieval.EmbeddingCache;
import org.knowledgebot.local.retrieval.MiniLmEmbedder;
import org.knowledgebot.local.retrieval.TextEmbedder;

/** The real embedding model (the process's one instance), with vectors kept in memory only. */
public final class TestEmbeddings {
    private static EmbeddingCache cache;

    private TestEmbeddings() {
    }

    public static synchronized EmbeddingCache cache() {
        if (cache == null) {
            cache = new EmbeddingCache(MiniLmEmbedder.shared(null), null);
        }
        return cache;
    }

    public static Relevance relevance() {
        return (question, text) -> TextEmbedder.cosine(cache().vector(question), cache().vector(text));
    }
}
