package org.knowledgebot.core.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.knowledgebot.core.prompt.SessionTitler;

/** The title a turn is saved with: the stored session's, or one generated beside the answer for a new session. */
final class SessionTitle {
    private static final long WAIT_SECONDS = 30;

    private final String existing;
    private final CompletableFuture<String> generating;
    private final String question;

    private SessionTitle(String existing, CompletableFuture<String> generating, String question) {
        this.existing = existing;
        this.generating = generating;
        this.question = question;
    }

    static SessionTitle existing(String title) {
        return new SessionTitle(title, null, null);
    }

    static SessionTitle generating(CompletableFuture<String> title, String question) {
        return new SessionTitle(null, title, question);
    }

    /** The title; a generated one is awaited, and falls back to the question's first words if it fails. */
    String await() {
        if (generating == null) {
            return existing;
        }
        try {
            return generating.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SessionTitler.firstWords(question);
        } catch (ExecutionException | TimeoutException e) {
            // SessionTitler already falls back on model failures; this is a stuck or rejected executor.
            return SessionTitler.firstWords(question);
        }
    }
}
