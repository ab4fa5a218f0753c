package org.knowledgebot.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What an answer's history read costs as a conversation grows: {@code findRecent(10)} (the chat path) against
 * {@code find} (the whole session, {@code get_session}), over the real SDK client and the in-memory DynamoDB on
 * 127.0.0.1. Prints requests, items read and milliseconds per read; asserts only what was read, never timing.
 */
@Tag("bench")
class HistoryReadBenchmarkTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final String USER = "sub-bench-0001";
    private static final int READS = 50;

    @Test
    void recentTurnsCostTheSameAtTenAndAtTwoThousandTurns() throws Exception {
        try (InMemoryDynamoDb dynamo = new InMemoryDynamoDb();
             DynamoDbClient client = DynamoSessionStoreTest.clientFor(dynamo.endpoint())) {
            // given
            DynamoSessionStore store = new DynamoSessionStore(client, InMemoryDynamoDb.TABLE, Clock.fixed(T0, ZoneOffset.UTC));
            for (int turns : List.of(10, 2_000)) {
                for (int i = 1; i <= turns; i++) {
                    store.append(USER, "s" + turns, new Turn("Question " + i + " about the permit?",
                            "Answer " + i + ": the permit costs 45 dollars a year.", List.of(), TurnStatus.COMPLETE, T0), "T");
                }
            }

            // when / then
            System.out.println("| session | read | requests | items read | ms per read |");
            System.out.println("|---|---|---|---|---|");
            for (int turns : List.of(10, 2_000)) {
                String sessionId = "s" + turns;
                Session recent = measure(dynamo, turns, "findRecent(10)", () -> store.findRecent(USER, sessionId, 10));
                Session whole = measure(dynamo, turns, "find", () -> store.find(USER, sessionId));
                assertThat(recent.turns()).hasSize(10);
                assertThat(whole.turns()).hasSize(turns);
            }
        }
    }

    private static Session measure(InMemoryDynamoDb dynamo, int turns, String read, Supplier<Optional<Session>> call) {
        call.get();
        dynamo.clearCalls();
        Session session = call.get().orElseThrow();
        List<InMemoryDynamoDb.Call> calls = dynamo.calls();
        long started = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            call.get();
        }
        double millis = (System.nanoTime() - started) / 1e6 / READS;
        System.out.printf(Locale.ROOT, "| %,d turns | %s | %d | %,d | %.2f |%n", turns, read, calls.size(),
                calls.stream().mapToInt(InMemoryDynamoDb.Call::itemsRead).sum(), millis);
        return session;
    }
}
