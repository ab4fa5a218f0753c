package org.knowledgebot.local.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;

class SqliteSessionStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path data;

    private static Turn turn(String question, Instant at) {
        return new Turn(question, "answer to " + question,
                List.of(new Source("Parking", "http://localhost/knowledge/parking.md", "costs 45 euros", Confidence.HIGH)),
                TurnStatus.COMPLETE, at);
    }

    @Test
    void findRecentReturnsOnlyTheLastTurnsOldestFirst() {
        // given
        try (SqliteSessionStore store = new SqliteSessionStore(data.resolve("sessions.db"), CLOCK)) {
            IntStream.rangeClosed(1, 30).forEach(i -> store.append("alice", "s1", turn("q" + i, T0), "Long"));

            // when
            Session recent = store.findRecent("alice", "s1", 3).orElseThrow();

            // then
            assertThat(recent.title()).isEqualTo("Long");
            assertThat(recent.turns()).extracting(Turn::user).containsExactly("q28", "q29", "q30");
            assertThat(store.findRecent("bob", "s1", 3)).isEmpty();
            assertThat(store.find("alice", "s1").orElseThrow().turns()).hasSize(30);
        }
    }

    @Test
    void appendCreatesTheSessionAndKeepsTurnsInOrderAcrossARestart() {
        // given
        Path file = data.resolve("sessions.db");
        try (SqliteSessionStore store = new SqliteSessionStore(file, CLOCK)) {
            store.append("alice", "s1", turn("first", T0), "Parking question");
            store.append("alice", "s1", new Turn("second", "cut", List.of(), TurnStatus.CANCELLED, T0.plusSeconds(5)), "ignored");
        }

        // when
        Session session;
        try (SqliteSessionStore reopened = new SqliteSessionStore(file, CLOCK)) {
            session = reopened.find("alice", "s1").orElseThrow();
        }

        // then
        assertThat(session.title()).isEqualTo("Parking question");
        assertThat(session.createdAt()).isEqualTo(T0);
        assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(session.turns()).extracting(Turn::user, Turn::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", TurnStatus.COMPLETE),
                        org.assertj.core.groups.Tuple.tuple("second", TurnStatus.CANCELLED));
        assertThat(session.turns().get(0).sources()).containsExactly(
                new Source("Parking", "http://localhost/knowledge/parking.md", "costs 45 euros", Confidence.HIGH));
    }

    @Test
    void aDatabaseFromBeforeTurnsKeptTheirMessageIdLoadsAndKeepsNewOnes() throws Exception {
        // given a sessions database with the earlier turns table and one turn in it
        Path file = data.resolve("sessions.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = old.createStatement()) {
            sql.execute("CREATE TABLE sessions (user_id TEXT NOT NULL, session_id TEXT NOT NULL, title TEXT NOT NULL, "
                    + "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_order INTEGER NOT NULL, "
                    + "turn_count INTEGER NOT NULL, PRIMARY KEY (user_id, session_id))");
            sql.execute("CREATE TABLE turns (user_id TEXT NOT NULL, session_id TEXT NOT NULL, seq INTEGER NOT NULL, "
                    + "user_text TEXT NOT NULL, chatbot_text TEXT NOT NULL, sources TEXT NOT NULL, status TEXT NOT NULL, "
                    + "created_at TEXT NOT NULL, PRIMARY KEY (user_id, session_id, seq))");
            sql.execute("INSERT INTO sessions VALUES ('alice', 's1', 'Old', '" + T0 + "', '" + T0 + "', 1, 1)");
            sql.execute("INSERT INTO turns VALUES ('alice', 's1', 1, 'old q', 'old a', '[]', 'COMPLETE', '" + T0 + "')");
        }

        // when the runtime opens it and saves an answered turn
        try (SqliteSessionStore store = new SqliteSessionStore(file, CLOCK)) {
            store.append("alice", "s1", new Turn("new q", "new a", List.of(), TurnStatus.COMPLETE, T0, "m-2"), "");
        }

        // then both load, the old one without a message id
        try (SqliteSessionStore reopened = new SqliteSessionStore(file, CLOCK)) {
            assertThat(reopened.find("alice", "s1").orElseThrow().turns()).extracting(Turn::user, Turn::messageId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("old q", ""),
                            org.assertj.core.groups.Tuple.tuple("new q", "m-2"));
        }
    }

    @Test
    void renameChangesTheTitleOfTheUsersOwnSessionOnly() {
        // given
        try (SqliteSessionStore store = new SqliteSessionStore(data.resolve("sessions.db"), CLOCK)) {
            store.append("alice", "s1", turn("first", T0), "Old title");

            // when
            boolean renamed = store.rename("alice", "s1", "New title");
            boolean othersSession = store.rename("bob", "s1", "Bob's title");

            // then
            assertThat(renamed).isTrue();
            assertThat(othersSession).isFalse();
            assertThat(store.find("alice", "s1").orElseThrow().title()).isEqualTo("New title");
            assertThat(store.listRecent("alice", 15)).extracting(summary -> summary.title()).containsExactly("New title");
        }
    }

    @Test
    void anotherUserCannotFindListOrDeleteTheSession() {
        // given
        try (SqliteSessionStore store = new SqliteSessionStore(data.resolve("sessions.db"), CLOCK)) {
            store.append("alice", "s1", turn("private", T0), "Alice's");

            // when / then
            assertThat(store.find("bob", "s1")).isEmpty();
            assertThat(store.listRecent("bob", 15)).isEmpty();
            assertThat(store.delete("bob", "s1")).isFalse();
            assertThat(store.deleteAll("bob")).isZero();
            assertThat(store.find("alice", "s1")).isPresent();
        }
    }

    @Test
    void listsNewestFirstWithinTheLimitAndDeletes() {
        // given
        try (SqliteSessionStore store = new SqliteSessionStore(data.resolve("sessions.db"), CLOCK)) {
            store.create("alice", "empty", "Empty");
            store.append("alice", "old", turn("a", T0), "Old");
            store.append("alice", "new", turn("b", T0.plusSeconds(60)), "New");
            store.append("alice", "old", turn("c", T0.plusSeconds(60)), "Old");

            // when
            List<SessionSummary> recent = store.listRecent("alice", 2);

            // then
            assertThat(recent).extracting(SessionSummary::sessionId).containsExactly("old", "new");
            assertThat(store.delete("alice", "old")).isTrue();
            assertThat(store.find("alice", "old")).isEmpty();
            assertThat(store.listRecent("alice", 15)).extracting(SessionSummary::sessionId).containsExactly("new", "empty");
            assertThat(store.deleteAll("alice")).isEqualTo(2);
            assertThat(store.listRecent("alice", 15)).isEmpty();
        }
    }

    @Test
    void createReturnsAnExistingSessionUnchanged() {
        // given
        try (SqliteSessionStore store = new SqliteSessionStore(data.resolve("sessions.db"), CLOCK)) {
            store.append("alice", "s1", turn("q", T0), "Original");

            // when
            Session again = store.create("alice", "s1", "Other title");

            // then
            assertThat(again.title()).isEqualTo("Original");
            assertThat(again.turns()).hasSize(1);
        }
    }

    @Test
    void concurrentAppendsNeverLoseATurn() {
        // given
        try (SqliteSessionStore store = new SqliteSessionStore(data.resolve("sessions.db"), CLOCK)) {

            // when
            CompletableFuture.allOf(IntStream.range(0, 40)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> store.append("alice", "s1", turn("q" + i, T0), "T")))
                    .toArray(CompletableFuture[]::new)).join();

            // then
            assertThat(store.find("alice", "s1").orElseThrow().turns()).hasSize(40);
        }
    }
}
