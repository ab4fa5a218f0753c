package org.knowledgebot.core.pipeline;

import java.time.Duration;

/** Waits between retries; injected so tests retry instantly. */
@FunctionalInterface
public interface Sleeper {
    /** @throws InterruptedException when the thread is interrupted while waiting */
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
