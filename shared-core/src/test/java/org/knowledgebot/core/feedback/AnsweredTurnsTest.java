package org.knowledgebot.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.testing.InMemorySessionStore;

class AnsweredTurnsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemorySessionStore sessions = new InMemorySessionStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final AnsweredTurns turns = AnsweredTurns.in(sessions);

    @Test
    void findsTheCallersTurnByItsMessageIdWithItsQuestionAnswerAndSourceTitles() {
        // given
        sessions.append("alice", "s1", new Turn("Old question", "stored by a client", List.of(),
                TurnStatus.COMPLETE, NOW), "Tax");
        sessions.append("alice", "s1", new Turn("When is tax due?", "On 1 March.",
                List.of(new Source("Property Tax", "https://x/tax.md", "", Confidence.HIGH)), TurnStatus.COMPLETE,
                NOW, "m-1"), "Tax");

        // when
        var found = turns.find("alice", "s1", "m-1");

        // then
        assertThat(found).contains(new RatedAnswer("When is tax due?", "On 1 March.", List.of("Property Tax")));
    }

    @Test
    void anotherUsersTurnAnUnknownIdAndATurnWithoutAnIdAreNotFound() {
        // given
        sessions.append("alice", "s1", new Turn("q", "a", List.of(), TurnStatus.COMPLETE, NOW, "m-1"), "T");
        sessions.append("alice", "s1", new Turn("q2", "a2", List.of(), TurnStatus.COMPLETE, NOW), "T");

        // then
        assertThat(turns.find("bob", "s1", "m-1")).isEmpty();
        assertThat(turns.find("alice", "s2", "m-1")).isEmpty();
        assertThat(turns.find("alice", "s1", "m-2")).isEmpty();
        assertThat(turns.find("alice", "s1", "")).isEmpty();
    }
}
