package org.knowledgebot.local;

import java.util.List;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.prompt.PromptAssembler;
import org.knowledgebot.core.retrieval.ConfidenceFilter;

/**
 * Asks the embedded retriever and the offline answer model one question per knowledge document (its title), up to
 * each answer's first token, right after start-up and on a thread of its own. On a fresh JVM the first residents'
 * questions otherwise wait while the JIT compiles the question path: in {@code ./chatbot eval} the first
 * questions' first token took 100–300 ms, later ones 10–20 ms. Nothing is sent to a connection, saved or counted;
 * a remote retriever or model is never warmed (each call would cost the operator).
 */
final class FirstTokenWarmUp {
    static final int MAX_QUESTIONS = 64;
    private static final int MAX_PASSAGES = 5;

    private final Retriever retriever;
    private final ChatModel model;
    private final PromptAssembler assembler = new PromptAssembler(0, 0);
    private final ConfidenceFilter filter = new ConfidenceFilter(Confidence.MEDIUM);
    private volatile boolean stopped;

    FirstTokenWarmUp(Retriever retriever, ChatModel model) {
        this.retriever = retriever;
        this.model = model;
    }

    /**
     * Asks about each title (at most {@link #MAX_QUESTIONS}), until {@link #stop}; returns how many were asked.
     */
    int run(List<String> titles) {
        List<String> questions = titles.stream().filter(h -> !h.isBlank()).distinct().limit(MAX_QUESTIONS).toList();
        int asked = 0;
        for (String question : questions) {
            if (stopped) {
                break;
            }
            askUpToFirstToken(question);
            asked++;
        }
        return asked;
    }

    /** Asks no further question (the runtime is closing); the one being asked finishes. */
    void stop() {
        stopped = true;
    }

    private void askUpToFirstToken(String title) {
        String question = "What about " + title + "?";
        List<Passage> kept = filter.keep(retriever.retrieve(question));
        ModelRequest request = new ModelRequest(assembler.systemPrompt("", kept.subList(0, Math.min(MAX_PASSAGES, kept.size()))),
                List.of(ChatMessage.user(question)), 512, 0.0, null, null);
        Cancellation cancellation = new Cancellation();
        model.stream(request, delta -> cancellation.cancel(), cancellation);
    }
}
