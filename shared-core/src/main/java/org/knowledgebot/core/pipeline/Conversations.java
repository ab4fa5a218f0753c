package org.knowledgebot.core.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.prompt.SessionTitler;

/**
 * Opens the conversation a question belongs to: the stored history of a continued session, or, for a new one,
 * a title to generate beside the answer once its first text went out.
 */
public final class Conversations {
    private final SessionStore sessions;
    private final SessionTitler titler;
    private final Executor executor;

    /** @param executor runs title generation beside the answer; created once */
    public Conversations(SessionStore sessions, SessionTitler titler, Executor executor) {
        this.sessions = sessions;
        this.titler = titler;
        this.executor = executor;
    }

    /** The history and title of {@code sessionId}; a request without a session id starts a new conversation. */
    Conversation open(ChatRequest request, String sessionId) {
        Optional<Session> stored;
        try {
            stored = request.sessionId() == null ? Optional.empty()
                    : sessions.find(request.identity().userId(), sessionId);
        } catch (RuntimeException e) {
            throw new AnswerFailure(ErrorCode.INTERNAL, "Your conversation could not be loaded. Please try again.", e);
        }
        if (stored.isPresent()) {
            return new Conversation(stored.get().turns(), SessionTitle.existing(stored.get().title()));
        }
        return new Conversation(List.of(), SessionTitle.toGenerate(titler, executor, request.message()));
    }

    /** The turns an answer builds on, oldest first, and the title its turn is saved with. */
    record Conversation(List<Turn> history, SessionTitle title) {
    }
}
