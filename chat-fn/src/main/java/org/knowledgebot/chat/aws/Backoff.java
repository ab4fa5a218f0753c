package org.knowledgebot.chat.aws;

import java.time.Duration;

/** Waits between attempts; injected so that tests of the retry paths run instantly. */
@FunctionalInterface
public interface Backoff {
    void pause(Duration duration) throws InterruptedException;

    static Backoff sleeping() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
