package org.knowledgebot.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoSessionStoreTest {
    private static final String ALICE = "sub-alice-0001";
    private static final String BOB = "sub-bob-0002";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    private InMemoryDynamoDb dynamo;
    private DynamoDbClient client;

    static DynamoDbClient clientFor(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTONLY", "test-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @BeforeEach
    void startDynamo() throws Exception {
        dynamo = new InMemoryDynamoDb();
        client = clientFor(dynamo.endpoint());
    }

    @AfterEach
    void stopDynamo() {
        client.close();
        dynamo.close();
    }

    private DynamoSessionStore storeAt(Instant now) {
        return new DynamoSessionStore(client, InMemoryDynamoDb.TABLE, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Turn turn(String question, Instant at) {
        return new Turn(question, "Answer to " + question,
                List.of(new Source("Bulky item pickup", "https://docs.example.org/bulky.md", "Call 555-0142", Confidence.HIGH)),
                TurnStatus.COMPLETE, at);
    }

    /** The requests and items read by {@code read}, from a cleared call log. */
    private String readCost(Runnable read) {
        dynamo.clearCalls();
        read.run();
        List<InMemoryDynamoDb.Call> calls = dynamo.calls();
        return calls.stream().map(InMemoryDynamoDb.Call::operation).toList() + " reading "
                + calls.stream().mapToInt(InMemoryDynamoDb.Call::itemsRead).sum() + " items";
    }

    @Test
    void theRecentTurnsOfA2000TurnSessionCostTheSameReadsAsThoseOfA10TurnSession() {
        // given
        DynamoSessionStore store = storeAt(T0);
        for (int i = 1; i <= 2_000; i++) {
            store.append(ALICE, "long", turn("Question " + i, T0), "Long");
        }
        for (int i = 1; i <= 10; i++) {
            store.append(ALICE, "short", turn("Question " + i, T0), "Short");
        }

        // when
        String longCost = readCost(() -> store.findRecent(ALICE, "long", 10));
        String shortCost = readCost(() -> store.findRecent(ALICE, "short", 10));
        String fullCost = readCost(() -> store.find(ALICE, "long"));

        // then
        System.out.printf("findRecent(10): 2,000 turns %s; 10 turns %s; find, 2,000 turns: %s%n",
                longCost, shortCost, fullCost);
        assertThat(longCost).isEqualTo(shortCost).isEqualTo("[GetItem, Query] reading 11 items");
        assertThat(fullCost).isEqualTo("[Query, Query, Query] reading 2001 items");
        dynamo.clearCalls();
        Session recent = store.findRecent(ALICE, "long", 10).orElseThrow();
        assertThat(recent.title()).isEqualTo("Long");
        assertThat(recent.turns()).extracting(Turn::user).containsExactly("Question 1991", "Question 1992",
                "Question 1993", "Question 1994", "Question 1995", "Question 1996", "Question 1997",
                "Question 1998", "Question 1999", "Question 2000");
        JsonNode query = dynamo.calls("Query").get(0).body();
        assertThat(query.get("ScanIndexForward").asBoolean()).isFalse();
        assertThat(query.get("ConsistentRead").asBoolean()).isTrue();
    }

    @Test
    void recentTurnsOfAnUnknownSessionOrOfAnotherUserAreEmpty() {
        // given
        DynamoSessionStore store = storeAt(T0);
        store.append(ALICE, "s-1", turn("Mine?", T0), "Mine");

        // then
        assertThat(store.findRecent(BOB, "s-1", 10)).isEmpty();
        assertThat(store.findRecent(ALICE, "nope", 10)).isEmpty();
        assertThat(store.findRecent(ALICE, "s-1", 0).orElseThrow().turns()).isEmpty();
    }

    @Test
    void firstAppendCreatesHeaderAndTurnItems() {
        // given
        DynamoSessionStore store = storeAt(T0);

        // when
        store.append(ALICE, "s-1", turn("When is bulky pickup?", T0), "Bulky pickup");

        // then
        assertThat(dynamo.sortKeys(ALICE)).containsExactly("SESSION#s-1", "SESSION#s-1#TURN#000001");
        JsonNode header = dynamo.item(ALICE, "SESSION#s-1");
        assertThat(header.get("session_id").get("S").asText()).isEqualTo("s-1");
        assertThat(header.get("title").get("S").asText()).isEqualTo("Bulky pickup");
        assertThat(header.get("turn_count").get("N").asText()).isEqualTo("1");
        assertThat(header.get("created_at").get("S").asText()).isEqualTo("2026-11-25T09:00:00.000Z");
        assertThat(header.get("updated_at").get("S").asText()).isEqualTo("2026-11-25T09:00:00.000Z");
        JsonNode turnItem = dynamo.item(ALICE, "SESSION#s-1#TURN#000001");
        assertThat(turnItem.has("updated_at")).as("turn items stay out of the sparse index").isFalse();
        assertThat(turnItem.get("user").get("S").asText()).isEqualTo("When is bulky pickup?");
    }

    @Test
    void appendedTurnsReadBackInOrderWithSources() {
        // given
        storeAt(T0).append(ALICE, "s-1", turn("first", T0), "First title");
        storeAt(T0.plusSeconds(60)).append(ALICE, "s-1", turn("second", T0.plusSeconds(60)), "ignored title");

        // when
        Session session = storeAt(T0.plusSeconds(120)).find(ALICE, "s-1").orElseThrow();

        // then
        assertThat(session.title()).isEqualTo("First title");
        assertThat(session.createdAt()).isEqualTo(T0);
        assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(session.turns()).containsExactly(turn("first", T0), turn("second", T0.plusSeconds(60)));
        assertThat(dynamo.item(ALICE, "SESSION#s-1").get("turn_count").get("N").asText()).isEqualTo("2");
    }

    @Test
    void aTurnKeepsItsMessageIdAndATurnItemWithoutOneStillLoads() {
        // given an answered turn, then one stored without a message id (as turns were before, or from a client)
        Turn answered = new Turn("first", "a", List.of(), TurnStatus.COMPLETE, T0, "m-1");
        storeAt(T0).append(ALICE, "s-1", answered, "Title");
        storeAt(T0).append(ALICE, "s-1", turn("second", T0), "ignored");

        // when
        Session session = storeAt(T0).find(ALICE, "s-1").orElseThrow();

        // then
        assertThat(dynamo.item(ALICE, "SESSION#s-1#TURN#000001").get("message_id").get("S").asText()).isEqualTo("m-1");
        assertThat(dynamo.item(ALICE, "SESSION#s-1#TURN#000002").has("message_id")).isFalse();
        assertThat(session.turns()).containsExactly(answered, turn("second", T0));
    }

    @Test
    void onlyACompleteAnswerOfTheChatRouteWithNoSourceIsMarkedForTheGapsIndex() {
        // given
        DynamoSessionStore store = storeAt(T0);

        // when: unsourced and complete, with a source, unsourced but cancelled, unsourced from a client
        store.append(ALICE, "s-1", new Turn("Chickens?", "No document says.", List.of(), TurnStatus.COMPLETE, T0, "m-1"), "T");
        store.append(ALICE, "s-1", new Turn("q2", "a", turn("q2", T0).sources(), TurnStatus.COMPLETE, T0, "m-2"), "T");
        store.append(ALICE, "s-1", new Turn("q3", "a", List.of(), TurnStatus.CANCELLED, T0, "m-3"), "T");
        store.append(ALICE, "s-1", new Turn("q4", "a", List.of(), TurnStatus.COMPLETE, T0), "T");

        // then only the first carries the index's partition key
        assertThat(List.of(1, 2, 3, 4)).map(n -> dynamo.item(ALICE, "SESSION#s-1#TURN#00000" + n).has("unsourced"))
                .containsExactly(true, false, false, false);
        assertThat(dynamo.item(ALICE, "SESSION#s-1#TURN#000001").get("unsourced").get("S").asText()).isEqualTo("all");
    }

    @Test
    void appendUpdatesTheHeaderOnlyFromTheCountItRead() {
        // given
        storeAt(T0).append(ALICE, "s-1", turn("first", T0), "t");
        dynamo.clearCalls();

        // when
        storeAt(T0.plusSeconds(5)).append(ALICE, "s-1", turn("second", T0), "t");

        // then
        JsonNode request = dynamo.calls("TransactWriteItems").get(0).body();
        assertThat(request.get("ClientRequestToken").asText()).as("idempotency token for SDK retries").isNotBlank();
        JsonNode transaction = request.get("TransactItems");
        JsonNode update = transaction.get(0).get("Update");
        assertThat(update.get("ConditionExpression").asText()).isEqualTo("#count = :previous");
        assertThat(update.get("ExpressionAttributeNames").get("#count").asText()).isEqualTo("turn_count");
        assertThat(update.get("ExpressionAttributeValues").get(":previous").get("N").asText()).isEqualTo("1");
        assertThat(update.get("ExpressionAttributeValues").get(":next").get("N").asText()).isEqualTo("2");
        JsonNode put = transaction.get(1).get("Put");
        assertThat(put.get("ConditionExpression").asText()).isEqualTo("attribute_not_exists(sk)");
        assertThat(put.get("Item").get("sk").get("S").asText()).isEqualTo("SESSION#s-1#TURN#000002");
        assertThat(dynamo.calls("GetItem").get(0).body().get("ConsistentRead").asBoolean()).isTrue();
    }

    @Test
    void renameChangesOnlyTheTitleOfAnExistingSession() {
        // given
        storeAt(T0).append(ALICE, "s-1", turn("first", T0), "Old title");
        Session before = storeAt(T0).find(ALICE, "s-1").orElseThrow();

        // when
        boolean renamed = storeAt(T0.plusSeconds(60)).rename(ALICE, "s-1", "New title");
        boolean absent = storeAt(T0).rename(ALICE, "s-2", "New title");

        // then
        assertThat(renamed).isTrue();
        assertThat(absent).isFalse();
        Session session = storeAt(T0).find(ALICE, "s-1").orElseThrow();
        assertThat(session.title()).isEqualTo("New title");
        assertThat(session.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(session.turns()).extracting(Turn::user).containsExactly("first");
        assertThat(storeAt(T0).find(ALICE, "s-2")).isEmpty();
    }

    @Test
    void appendRetriesWhenAnotherWriterWonTheRace() {
        // given
        DynamoSessionStore store = storeAt(T0);
        store.append(ALICE, "s-1", turn("first", T0), "t");
        dynamo.injectTransactionConflicts(2);
        dynamo.clearCalls();

        // when
        store.append(ALICE, "s-1", turn("second", T0), "t");

        // then
        assertThat(dynamo.calls("TransactWriteItems")).hasSize(3);
        assertThat(store.find(ALICE, "s-1").orElseThrow().turns()).extracting(Turn::user).containsExactly("first", "second");
    }

    @Test
    void appendGivesUpWithAClearErrorWhenConflictsNeverEnd() {
        // given
        DynamoSessionStore store = storeAt(T0);
        dynamo.injectTransactionConflicts(DynamoSessionStore.MAX_APPEND_ATTEMPTS);

        // when / then
        assertThatThrownBy(() -> store.append(ALICE, "s-1", turn("q", T0), "t"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("being written concurrently");
        assertThat(dynamo.sortKeys(ALICE)).isEmpty();
    }

    @Test
    void concurrentWritersNeverLoseATurn() throws Exception {
        // given two function instances appending to the same new session at once; each loses at most as many
        // races as the other has appends (6), within the store's attempt budget, so the outcome is deterministic
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();

        // when
        for (String writer : List.of("A", "B")) {
            DynamoSessionStore store = storeAt(T0);
            done.add(writers.submit(() -> {
                for (int i = 0; i < 6; i++) {
                    store.append(ALICE, "shared", turn(writer + i, T0), "title " + writer);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        writers.shutdown();

        // then
        Session session = storeAt(T0).find(ALICE, "shared").orElseThrow();
        assertThat(session.turns()).extracting(Turn::user).hasSize(12)
                .containsAll(List.of("A0", "A5", "B0", "B5")).doesNotHaveDuplicates();
        assertThat(dynamo.item(ALICE, "SESSION#shared").get("turn_count").get("N").asText()).isEqualTo("12");
    }

    @Test
    void findQueriesExactlyOneSessionRangeWithConsistentRead() {
        // given
        storeAt(T0).append(ALICE, "s1", turn("in s1", T0), "one");
        storeAt(T0).append(ALICE, "s10", turn("in s10", T0), "ten");
        dynamo.clearCalls();

        // when
        Session session = storeAt(T0).find(ALICE, "s1").orElseThrow();

        // then
        assertThat(session.turns()).extracting(Turn::user).containsExactly("in s1");
        JsonNode query = dynamo.calls("Query").get(0).body();
        assertThat(query.get("KeyConditionExpression").asText()).isEqualTo("#user = :user AND #sk BETWEEN :from AND :to");
        assertThat(query.get("ExpressionAttributeValues").get(":user").get("S").asText()).isEqualTo(ALICE);
        assertThat(query.get("ExpressionAttributeValues").get(":from").get("S").asText()).isEqualTo("SESSION#s1");
        assertThat(query.get("ExpressionAttributeValues").get(":to").get("S").asText()).isEqualTo("SESSION#s1#TURN#999999");
        assertThat(query.get("ConsistentRead").asBoolean()).isTrue();
    }

    @Test
    void findFollowsLastEvaluatedKeyAcrossPages() {
        // given
        for (int i = 1; i <= 5; i++) {
            storeAt(T0).append(ALICE, "long", turn("q" + i, T0), "t");
        }
        dynamo.pageSize(2);
        dynamo.clearCalls();

        // when
        Session session = storeAt(T0).find(ALICE, "long").orElseThrow();

        // then 6 items (header + 5 turns) in pages of 2, plus the empty page DynamoDB returns after a full one
        assertThat(session.turns()).extracting(Turn::user).containsExactly("q1", "q2", "q3", "q4", "q5");
        List<InMemoryDynamoDb.Call> queries = dynamo.calls("Query");
        assertThat(queries).hasSize(4);
        assertThat(queries.get(0).body().has("ExclusiveStartKey")).isFalse();
        assertThat(queries.get(1).body().get("ExclusiveStartKey").get("sk").get("S").asText())
                .isEqualTo("SESSION#long#TURN#000001");
        assertThat(queries.get(3).body().get("ExclusiveStartKey").get("sk").get("S").asText())
                .isEqualTo("SESSION#long#TURN#000005");
    }

    @Test
    void missingSessionIsEmpty() {
        // when / then
        assertThat(storeAt(T0).find(ALICE, "nope")).isEmpty();
    }

    @Test
    void createIsIdempotentAndKeepsTheExistingSession() {
        // given
        Session created = storeAt(T0).create(ALICE, "s-1", "Original");
        storeAt(T0).append(ALICE, "s-1", turn("q", T0), "unused");

        // when
        Session again = storeAt(T0.plusSeconds(30)).create(ALICE, "s-1", "Overwrite attempt");

        // then
        assertThat(created.turns()).isEmpty();
        assertThat(again.title()).isEqualTo("Original");
        assertThat(again.turns()).hasSize(1);
        assertThat(dynamo.calls("PutItem").get(1).body().get("ConditionExpression").asText())
                .isEqualTo("attribute_not_exists(sk)");
    }

    @Test
    void createdSessionEqualsWhatIsReadBack() {
        // given a clock with sub-millisecond precision
        DynamoSessionStore store = storeAt(T0.plusNanos(123_456_789));

        // when
        Session created = store.create(ALICE, "s-1", "Precise");

        // then
        assertThat(store.find(ALICE, "s-1")).contains(created);
    }

    @Test
    void createdEmptySessionTakesItsFirstTurnAsNumberOne() {
        // given
        storeAt(T0).create(ALICE, "s-1", "Empty");

        // when
        storeAt(T0).append(ALICE, "s-1", turn("q", T0), "unused");

        // then
        assertThat(dynamo.sortKeys(ALICE)).containsExactly("SESSION#s-1", "SESSION#s-1#TURN#000001");
        assertThat(dynamo.item(ALICE, "SESSION#s-1").get("title").get("S").asText()).isEqualTo("Empty");
    }

    @Test
    void listRecentReadsTheSparseIndexNewestFirstAcrossPages() {
        // given five sessions updated one minute apart
        for (int i = 1; i <= 5; i++) {
            Instant at = T0.plusSeconds(60L * i);
            storeAt(at).append(ALICE, "s" + i, turn("q", at), "Session " + i);
        }
        storeAt(T0).append(BOB, "bob-session", turn("q", T0), "Bob's");
        dynamo.pageSize(2);
        dynamo.clearCalls();

        // when
        List<SessionSummary> recent = storeAt(T0).listRecent(ALICE, 4);

        // then
        assertThat(recent).extracting(SessionSummary::sessionId).containsExactly("s5", "s4", "s3", "s2");
        assertThat(recent.get(0).updatedAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(recent.get(0).title()).isEqualTo("Session 5");
        JsonNode first = dynamo.calls("Query").get(0).body();
        assertThat(first.get("IndexName").asText()).isEqualTo("RecentSessions");
        assertThat(first.get("ScanIndexForward").asBoolean()).isFalse();
        assertThat(first.get("Limit").asInt()).isEqualTo(4);
        assertThat(dynamo.calls("Query")).hasSize(2);
        assertThat(dynamo.calls("Query").get(1).body().get("Limit").asInt()).isEqualTo(2);
    }

    @Test
    void deleteRemovesEveryTurnThenTheHeader() {
        // given
        for (int i = 1; i <= 30; i++) {
            storeAt(T0).append(ALICE, "big", turn("q" + i, T0), "t");
        }
        storeAt(T0).append(ALICE, "keep", turn("other", T0), "t");
        dynamo.injectUnprocessedWrites(3);
        dynamo.clearCalls();

        // when
        boolean deleted = storeAt(T0).delete(ALICE, "big");

        // then
        assertThat(deleted).isTrue();
        assertThat(dynamo.sortKeys(ALICE)).containsExactly("SESSION#keep", "SESSION#keep#TURN#000001");
        assertThat(dynamo.calls("BatchWriteItem")).hasSize(3);
        assertThat(dynamo.calls("BatchWriteItem").get(1).body().get("RequestItems").get(InMemoryDynamoDb.TABLE))
                .as("the unprocessed deletes are sent again").hasSize(3);
        assertThat(dynamo.calls("DeleteItem").get(0).body().get("Key").get("sk").get("S").asText()).isEqualTo("SESSION#big");
    }

    @Test
    void deletingAMissingSessionSaysSo() {
        // when / then
        assertThat(storeAt(T0).delete(ALICE, "never-existed")).isFalse();
    }

    @Test
    void deleteAllRemovesEverySessionOfOneUserOnly() {
        // given
        for (int i = 1; i <= 3; i++) {
            storeAt(T0).append(ALICE, "s" + i, turn("a", T0), "t");
            storeAt(T0).append(ALICE, "s" + i, turn("b", T0), "t");
        }
        storeAt(T0).append(BOB, "s1", turn("bob's", T0), "t");
        dynamo.pageSize(4);

        // when
        int deleted = storeAt(T0).deleteAll(ALICE);

        // then
        assertThat(deleted).isEqualTo(3);
        assertThat(dynamo.sortKeys(ALICE)).isEmpty();
        assertThat(dynamo.sortKeys(BOB)).containsExactly("SESSION#s1", "SESSION#s1#TURN#000001");
    }

    @Test
    void anotherUsersSessionCannotBeReadOrDeleted() {
        // given
        storeAt(T0).append(ALICE, "private", turn("secret question", T0), "t");

        // when
        boolean bobDeleted = storeAt(T0).delete(BOB, "private");

        // then
        assertThat(storeAt(T0).find(BOB, "private")).isEmpty();
        assertThat(storeAt(T0).listRecent(BOB, 15)).isEmpty();
        assertThat(bobDeleted).isFalse();
        assertThat(dynamo.sortKeys(ALICE)).hasSize(2);
    }

    @Test
    void sessionIdThatCouldReachIntoAnotherKeyRangeIsRefusedBeforeAnyRequest() {
        // given
        storeAt(T0).append(ALICE, "a", turn("q", T0), "t");
        dynamo.clearCalls();

        // when / then
        assertThatThrownBy(() -> storeAt(T0).append(ALICE, "a#TURN#000001", turn("overwrite", T0), "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storeAt(T0).find(ALICE, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(dynamo.calls("TransactWriteItems")).isEmpty();
        assertThat(dynamo.calls("Query")).isEmpty();
    }
}
