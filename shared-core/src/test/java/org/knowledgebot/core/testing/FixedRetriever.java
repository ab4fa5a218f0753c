package org.knowledgebot.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.RetrievalException;
import org.knowledgebot.core.port.Retriever;

/** A {@link Retriever} with fixed passages (or a fixed failure) that records the questions it was asked. */
public final class FixedRetriever implements Retriever {
    private final List<Passage> passages;
    private final RuntimeException failure;
    private final List<String> questions = Collections.synchronizedList(new ArrayList<>());

    private FixedRetriever(List<Passage> passages, RuntimeException failure) {
        this.passages = passages;
        this.failure = failure;
    }

    public static FixedRetriever returning(Passage... passages) {
        return new FixedRetriever(List.of(passages), null);
    }

    public static FixedRetriever unavailable() {
        return new FixedRetriever(List.of(), new RetrievalException("The knowledge base is unavailable."));
    }

    /** A passage of document {@code n}: title "Doc n", uri https://docs.example.com/n. */
    public static Passage passage(int n, String text, Confidence confidence) {
        return new Passage("doc-" + n, "Doc " + n, "https://docs.example.com/" + n, text, confidence);
    }

    @Override
    public List<Passage> retrieve(String question) {
        questions.add(question);
        if (failure != null) {
            throw failure;
        }
        return passages;
    }

    public List<String> questions() {
        return List.copyOf(questions);
    }
}
