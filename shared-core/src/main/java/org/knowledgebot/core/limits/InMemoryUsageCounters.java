package org.knowledgebot.core.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.knowledgebot.core.port.UsageCounters;

/**
 * {@link UsageCounters} in this process's memory: the local runtime's (one process holds every connection). A
 * counter past its expiry is dropped on the next add after a minute has gone by, so memory follows the users of
 * the current windows, not every user ever seen.
 */
public final class InMemoryUsageCounters implements UsageCounters {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong nextSweepMillis = new AtomicLong();

    public InMemoryUsageCounters(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long add(String userId, String window, long amount, Instant expiresAt) {
        sweepExpired();
        return counters.computeIfAbsent(key(userId, window), key -> new Counter(expiresAt)).value.addAndGet(amount);
    }

    @Override
    public long get(String userId, String window) {
        Counter counter = counters.get(key(userId, window));
        return counter == null ? 0 : counter.value.get();
    }

    /** How many counters are held; for tests. */
    int size() {
        return counters.size();
    }

    private void sweepExpired() {
        long now = clock.millis();
        long due = nextSweepMillis.get();
        if (now >= due && nextSweepMillis.compareAndSet(due, now + 60_000)) {
            Instant instant = Instant.ofEpochMilli(now);
            counters.values().removeIf(counter -> counter.expiresAt.isBefore(instant));
        }
    }

    private static String key(String userId, String window) {
        return window + "|" + userId;
    }

    private record Counter(Instant expiresAt, AtomicLong value) {
        Counter(Instant expiresAt) {
            this(expiresAt, new AtomicLong());
        }
    }
}
