package org.knowledgebot.core.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.usage.QuestionUsage;
import org.knowledgebot.core.usage.UsageHistory;
import org.knowledgebot.core.usage.UsageLedger;

/** The usage counts in memory, both sides: what the chat route adds and what the usage report reads. */
public final class InMemoryUsageLedger implements UsageLedger, UsageHistory {
    private final List<QuestionUsage> added = new ArrayList<>();

    @Override
    public synchronized void add(QuestionUsage usage) {
        added.add(usage);
    }

    /** Every question counted so far, in order. */
    public synchronized List<QuestionUsage> added() {
        return List.copyOf(added);
    }

    @Override
    public synchronized Counted read(LocalDate first, LocalDate last) {
        Map<LocalDate, DayTotals> days = new HashMap<>();
        Map<String, UserDay> users = new HashMap<>();
        for (QuestionUsage usage : added) {
            if (usage.day().isBefore(first) || usage.day().isAfter(last)) {
                continue;
            }
            Map<String, Tokens> tokens = usage.modelId() == null ? Map.of()
                    : Map.of(usage.modelId(), new Tokens(usage.inputTokens(), usage.outputTokens()));
            days.merge(usage.day(), new DayTotals(usage.day(), 1, usage.error() ? 1 : 0, tokens), DayTotals::plus);
            users.merge(usage.day() + "#" + usage.userHash(),
                    new UserDay(usage.day(), usage.userHash(), 1, usage.tokens()), UserDay::plus);
        }
        return new Counted(new ArrayList<>(days.values()), new ArrayList<>(users.values()));
    }
}
