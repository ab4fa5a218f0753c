package org.knowledgebot.local.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.gaps.AskedQuestion;

class SqliteUnsourcedAnswersTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void onlyCompleteChatRouteAnswersWithoutSourcesSinceTheInstantNewestFirst() {
        // given
        Path file = data.resolve("sessions.db");
        try (SqliteSessionStore store = new SqliteSessionStore(file, Clock.fixed(T0, ZoneOffset.UTC))) {
            store.append("alice", "s1", new Turn("too old", "a", List.of(), TurnStatus.COMPLETE, T0.minusSeconds(3_600), "m0"), "T");
            store.append("alice", "s1", new Turn("Chickens?", "a", List.of(), TurnStatus.COMPLETE, T0.plusMillis(1_500), "m1"), "T");
            store.append("bob", "s2", new Turn("Skate park?", "a", List.of(), TurnStatus.COMPLETE, T0.plusSeconds(2), "m2"), "T");
            store.append("bob", "s2", new Turn("sourced", "a",
                    List.of(new Source("Tax", "http://x/tax.md", "", Confidence.HIGH)), TurnStatus.COMPLETE, T0, "m3"), "T");
            store.append("bob", "s2", new Turn("cancelled", "a", List.of(), TurnStatus.CANCELLED, T0, "m4"), "T");
            store.append("bob", "s2", new Turn("from a client", "a", List.of(), TurnStatus.COMPLETE, T0), "T");

            // when
            List<AskedQuestion> questions = new SqliteUnsourcedAnswers(file).since(T0, 10);

            // then
            assertThat(questions).containsExactly(new AskedQuestion("Skate park?", T0.plusSeconds(2)),
                    new AskedQuestion("Chickens?", T0.plusMillis(1_500)));
            assertThat(new SqliteUnsourcedAnswers(file).since(T0, 1)).hasSize(1);
        }
    }
}
