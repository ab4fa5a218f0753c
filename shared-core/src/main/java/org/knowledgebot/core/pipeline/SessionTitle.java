package org.knowledgebot.core.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.knowledgebot.core.prompt.SessionTitler;

/**
 * The title a turn is saved with: the stored session's, or, for a new session, one generated beside the answer
 * once {@link #start()} is called (after the first frame went out, so that the title's model call never delays
 * the answer's first text).
 */
final class SessionTitle {
    private static final long WAIT_SECONDS = 30;

    private final String existing;
    private final SessionTitler titler;
    private final Executor executor;
    private final String question;
    private CompletableFuture<String> generating;

    private SessionTitle(String existing, SessionTitler titler, Executor executor, String question) {
        this.existing = existing;
        this.titler = titler;
        this.executor = executor;
        this.question = question;
    }

    static SessionTitle existing(String title) {
        return new SessionTitle(title, null, null, null);
    }

    /** @param executor runs the generation beside the answer; created once */
    static SessionTitle toGenerate(SessionTitler titler, Executor executor, String question) {
        return new SessionTitle(null, titler, executor, question);
    }

    /** Starts generating a new session's title, once; does nothing for a stored session's. */
    synchronized void start() {
        if (titler != null && generating == null) {
            generating = CompletableFuture.supplyAsync(() -> titler.title(question), executor);
        }
    }

    /**
     * The title; a generated one is started if it was not yet (the answer ended before its first frame) and
     * awaited, and falls back to the question's first words if it fails.
     */
    String await() {
        if (titler == null) {
            return existing;
        }
        start();
        CompletableFuture<String> title;
        synchronized (this) {
            title = generating;
        }
        try {
            return title.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SessionTitler.firstWords(question);
        } catch (ExecutionException | TimeoutException e) {
            // SessionTitler already falls back on model failures; this is a stuck or rejected executor.
            return SessionTitler.firstWords(question);
        }
    }
}
