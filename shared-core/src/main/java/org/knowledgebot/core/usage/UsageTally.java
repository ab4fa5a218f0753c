package org.knowledgebot.core.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.observability.UserHash;

/**
 * Counts each question of the chat route in the {@link UsageLedger}, after its answer has ended (never on the
 * way to the first token). Best effort: a failing ledger costs one question's count, never the answer, and leaves
 * a WARN line with its cause.
 */
public record UsageTally(Optional<UsageLedger> ledger, Clock clock, EventLog eventLog) {
    /** An empty {@code ledger} counts nothing (a graph that binds no usage store). */
    public UsageTally {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(eventLog, "eventLog");
    }

    public static UsageTally none() {
        return new UsageTally(Optional.empty(), Clock.systemUTC(), new EventLog(line -> { }, Clock.systemUTC()));
    }

    /**
     * Counts one question of {@code userId} to today (UTC).
     *
     * @param modelId the answer model asked, null when none was
     * @param errorSent whether the answer ended in an error frame
     */
    public void count(String userId, String modelId, Usage usage, boolean errorSent) {
        if (ledger.isEmpty()) {
            return;
        }
        try {
            ledger.get().add(new QuestionUsage(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), UserHash.of(userId),
                    modelId, usage.inputTokens(), usage.outputTokens(), errorSent));
        } catch (RuntimeException e) {
            // The answer is out; only its count is lost, and the line says why.
            eventLog.write(EventLog.event("usage", "not counted").user(userId).cause(e));
        }
    }
}
