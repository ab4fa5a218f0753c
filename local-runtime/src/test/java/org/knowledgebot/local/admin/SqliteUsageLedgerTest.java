package org.knowledgebot.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.usage.QuestionUsage;
import org.knowledgebot.core.usage.UsageHistory;
import org.knowledgebot.core.usage.UsageHistory.DayTotals;
import org.knowledgebot.core.usage.UsageHistory.Tokens;
import org.knowledgebot.core.usage.UsageHistory.UserDay;

class SqliteUsageLedgerTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-02");
    private static final String SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    @TempDir
    Path data;

    @Test
    void questionsAddUpPerDayPerModelAndPerUserAndSurviveAReopen() throws Exception {
        // given
        try (SqliteUsageLedger ledger = new SqliteUsageLedger(data.resolve("usage.db"))) {
            ledger.add(new QuestionUsage(DAY, "aaaa", SONNET, 400, 50, false));
            ledger.add(new QuestionUsage(DAY, "aaaa", SONNET, 600, 150, true));
            ledger.add(new QuestionUsage(DAY, "bbbb", null, 0, 0, true));
            ledger.add(new QuestionUsage(DAY.minusDays(1), "bbbb", "offline", 10, 5, false));
            ledger.add(new QuestionUsage(DAY.minusDays(5), "cccc", SONNET, 1, 1, false));
        }

        // when
        UsageHistory.Counted counted;
        try (SqliteUsageLedger reopened = new SqliteUsageLedger(data.resolve("usage.db"))) {
            counted = reopened.read(DAY.minusDays(1), DAY);
        }

        // then
        assertThat(counted.days()).containsExactlyInAnyOrder(
                new DayTotals(DAY, 3, 2, Map.of(SONNET, new Tokens(1_000, 200))),
                new DayTotals(DAY.minusDays(1), 1, 0, Map.of("offline", new Tokens(10, 5))));
        assertThat(counted.userDays()).containsExactlyInAnyOrder(new UserDay(DAY, "aaaa", 2, 1_200),
                new UserDay(DAY, "bbbb", 1, 0), new UserDay(DAY.minusDays(1), "bbbb", 1, 15));
    }

    @Test
    void concurrentAddsLoseNoCount() throws Exception {
        // given
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SqliteUsageLedger ledger = new SqliteUsageLedger(data.resolve("usage.db"))) {
            List<Future<?>> adds = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                adds.add(pool.submit(() -> ledger.add(new QuestionUsage(DAY, "aaaa", SONNET, 3, 1, false))));
            }

            // when
            for (Future<?> add : adds) {
                add.get();
            }

            // then
            assertThat(ledger.read(DAY, DAY).days()).containsExactly(new DayTotals(DAY, 200, 0, Map.of(SONNET, new Tokens(600, 200))));
        } finally {
            pool.shutdownNow();
        }
    }
}
