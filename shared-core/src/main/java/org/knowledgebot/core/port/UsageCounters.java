package org.knowledgebot.core.port;

import java.time.Instant;

/**
 * Per-user counters, one per user per time window (DynamoDB items with a TTL on AWS, memory locally), that
 * {@link org.knowledgebot.core.limits.UsageLimits} keeps its limits with. A window's name says which window it
 * is (for example {@code messages#2026-12-01T19:56}), so a counter never has to be reset: the next window is a
 * new counter, and the old one may be forgotten after its {@code expiresAt}.
 */
public interface UsageCounters {
    /**
     * Adds {@code amount} to the user's counter of {@code window} (0 when there is none yet) and returns the sum,
     * atomically: concurrent adds of one user never lose a count.
     */
    long add(String userId, String window, long amount, Instant expiresAt);

    /** The user's counter of {@code window}; 0 when there is none. */
    long get(String userId, String window);
}
