package org.knowledgebot.core.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.prompt.SessionTitler;

/**
 * Opens the conversation a question belongs to: the last turns of a continued session (never the whole of a
 * long one), or, for a new one, a title to generate beside the answer once its first text went out.
 *
 * @param turnsToRead how many of the last turns an answer reads; the cost of reading a conversation then does not
 *     grow with its length
 * @param executor runs title generation beside the answer; created once
 */
public record Conversations(SessionStore sessions, int turnsToRead, SessionTitler titler, Executor executor) {
    /**
     * How many of the last turns an answer reads for its settings: twice the longer of the history and rewrite
     * windows, since the windows count only complete turns and skip the cancelled or incomplete ones among them.
     */
    public static int turnsToRead(ChatSettings settings) {
        return 2 * Math.max(settings.historyTurns(), settings.rewriteHistoryTurns());
    }

    /** The history and title of {@code sessionId}; a request without a session id starts a new conversation. */
    Conversation open(ChatRequest request, String sessionId) {
        Optional<Session> stored;
        try {
            stored = request.sessionId() == null ? Optional.empty()
                    : sessions.findRecent(request.identity().userId(), sessionId, turnsToRead);
        } catch (RuntimeException e) {
            throw new AnswerFailure(SafeError.SESSION_NOT_LOADED, e);
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
