package org.knowledgebot.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.testing.Fixtures;
import org.knowledgebot.core.testing.InMemorySessionStore;

class SessionOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String USER = "us-east-1:8f3e2a1b-user";
    private static final String SESSION = "2f6b1c3e-8d4a-4b7e-9f2c-1a5d7e9b3c40";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemorySessionStore store = new InMemorySessionStore(clock);
    private final SessionOperations operations = new SessionOperations(store, clock, new TurnLimits(4_000));

    @Test
    void updateSessionAppendsTheEntryAndGetSessionReturnsItInTheOriginalShape() throws Exception {
        // when
        SessionResponse update = operations.handle(null, Fixtures.read("session/update-session-request.json"));
        SessionResponse get = operations.handle(null, SessionProtocol.getSessionRequest(USER, SESSION));

        // then
        assertThat(update).isEqualTo(new SessionResponse(200, "{\"session_id\":\"" + SESSION + "\"}"));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("{\"session_id\":\"" + SESSION + "\",\"title\":\"Return policy\","
                + "\"created_at\":\"2026-11-25T10:00:00Z\",\"updated_at\":\"2026-11-25T10:00:00Z\","
                + "\"user_id\":\"" + USER + "\",\"chat_history\":[{\"user\":\"How many days do I have to return an "
                + "item?\",\"chatbot\":\"You have 30 days to return an item.\",\"metadata\":\"{\\\"Sources\\\":["
                + "{\\\"title\\\":\\\"Returns and refunds\\\",\\\"uri\\\":\\\"https://docs.example.com/returns\\\","
                + "\\\"excerpt\\\":\\\"\\\",\\\"confidence\\\":\\\"NOT_AVAILABLE\\\"}]}\",\"status\":\"COMPLETE\","
                + "\"created_at\":\"2026-11-25T10:00:00Z\"}]}");
    }

    @Test
    void getSessionOfAnUnknownSessionIsAnEmptyObject() {
        // when
        SessionResponse response = operations.handle(null, SessionProtocol.getSessionRequest(USER, "nope"));

        // then
        assertThat(response).isEqualTo(new SessionResponse(200, "{}"));
    }

    @Test
    void theAuthenticatedUserWinsOverTheBodysUserId() throws Exception {
        // given mallory's token, asking for the victim's session and deleting all "their" sessions
        store.put(new Session("victim", SESSION, "Private", NOW, NOW, List.of(
                new Turn("secret", "answer", List.of(), TurnStatus.COMPLETE, NOW))));

        // when
        SessionResponse read = operations.handle("mallory", SessionProtocol.getSessionRequest("victim", SESSION));
        SessionResponse wipe = operations.handle("mallory", SessionProtocol.deleteUserSessionsRequest("victim"));

        // then
        assertThat(read.body()).isEqualTo("{}");
        assertThat(wipe.body()).isEqualTo("{\"deleted\":0}");
        assertThat(store.find("victim", SESSION)).isPresent();
    }

    @Test
    void listsAreNewestFirstWithoutHistory() throws Exception {
        // given
        store.put(new Session(USER, "old", "Old", NOW.minusSeconds(60), NOW.minusSeconds(60), List.of()));
        store.put(new Session(USER, "new", "New", NOW.minusSeconds(30), NOW, List.of()));

        // when
        SessionResponse response = operations.handle(null, SessionProtocol.listSessionsRequest(USER, false));

        // then
        assertThat(response.body()).isEqualTo("[{\"session_id\":\"new\",\"title\":\"New\","
                + "\"created_at\":\"2026-11-25T09:59:30Z\",\"updated_at\":\"2026-11-25T10:00:00Z\"},"
                + "{\"session_id\":\"old\",\"title\":\"Old\",\"created_at\":\"2026-11-25T09:59:00Z\","
                + "\"updated_at\":\"2026-11-25T09:59:00Z\"}]");
        assertThat(SessionProtocol.parseSummaries(response.body())).extracting(s -> s.sessionId())
                .containsExactly("new", "old");
    }

    @Test
    void listAllReturnsUpToAHundredAndListReturnsFifteen() throws Exception {
        // given
        for (int i = 0; i < 120; i++) {
            store.put(new Session(USER, "s" + i, "T", NOW, NOW.plusSeconds(i), List.of()));
        }

        // when
        JsonNode recent = JSON.readTree(operations.handle(null, SessionProtocol.listSessionsRequest(USER, false)).body());
        JsonNode all = JSON.readTree(operations.handle(null, SessionProtocol.listSessionsRequest(USER, true)).body());

        // then
        assertThat(recent).hasSize(15);
        assertThat(all).hasSize(100);
        assertThat(all.get(0).get("session_id").asText()).isEqualTo("s119");
    }

    @Test
    void deleteSessionAndDeleteUserSessionsCountWhatTheyRemoved() {
        // given
        store.put(new Session(USER, "a", "A", NOW, NOW, List.of()));
        store.put(new Session(USER, "b", "B", NOW, NOW, List.of()));
        store.put(new Session(USER, "c", "C", NOW, NOW, List.of()));

        // when
        SessionResponse one = operations.handle(null, SessionProtocol.deleteSessionRequest(USER, "a"));
        SessionResponse again = operations.handle(null, SessionProtocol.deleteSessionRequest(USER, "a"));
        SessionResponse rest = operations.handle(null, SessionProtocol.deleteUserSessionsRequest(USER));

        // then
        assertThat(one.body()).isEqualTo("{\"deleted\":1}");
        assertThat(again.body()).isEqualTo("{\"deleted\":0}");
        assertThat(rest.body()).isEqualTo("{\"deleted\":2}");
        assertThat(SessionProtocol.parseDeleted(rest.body())).isEqualTo(2);
    }

    @Test
    void updateSessionWithATitleAndNoEntryRenamesTheSessionAndKeepsItsTurnsAndPlace() {
        // given
        Turn turn = new Turn("When is the tax due?", "February 15.", List.of(), TurnStatus.COMPLETE, NOW);
        store.put(new Session(USER, "a", "Property tax", NOW, NOW, List.of(turn)));

        // when
        SessionResponse renamed = operations.handle(null, SessionProtocol.renameSessionRequest(USER, "a", "  Tax dates  "));
        SessionResponse absent = operations.handle(null, SessionProtocol.renameSessionRequest(USER, "nope", "Tax"));
        SessionResponse empty = operations.handle(null, SessionProtocol.renameSessionRequest(USER, "a", " "));

        // then
        assertThat(renamed.body()).isEqualTo("{\"session_id\":\"a\",\"renamed\":true}");
        assertThat(store.find(USER, "a").orElseThrow()).isEqualTo(new Session(USER, "a", "Tax dates", NOW, NOW, List.of(turn)));
        assertThat(SessionProtocol.parseRenamed(absent.body())).isFalse();
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("title must not be empty to rename a session");
    }

    @Test
    void nobodyCanRenameAnotherUsersSession() {
        // given
        store.put(new Session("victim", "a", "Mine", NOW, NOW, List.of()));

        // when
        SessionResponse response = operations.handle("mallory", SessionProtocol.renameSessionRequest("victim", "a", "Pwned"));

        // then
        assertThat(SessionProtocol.parseRenamed(response.body())).isFalse();
        assertThat(store.find("victim", "a").orElseThrow().title()).isEqualTo("Mine");
    }

    @Test
    void addSessionCreatesAnEmptySessionWithItsTitle() {
        // when
        SessionResponse response = operations.handle(null, SessionProtocol.addSessionRequest(USER, "n1", "Warranty"));

        // then
        assertThat(response.body()).isEqualTo("{\"session_id\":\"n1\",\"title\":\"Warranty\","
                + "\"created_at\":\"2026-11-25T10:00:00Z\",\"updated_at\":\"2026-11-25T10:00:00Z\"}");
        assertThat(store.find(USER, "n1").orElseThrow().turns()).isEmpty();
    }

    @Test
    void badBodiesAreBadRequestsWithAClearMessage() {
        // when / then
        assertThat(operations.handle(null, "not json"))
                .isEqualTo(new SessionResponse(400, "{\"error\":\"the request body must be a JSON object\"}"));
        assertThat(operations.handle(null, "{\"operation\":\"get_session\",\"session_id\":\"s\"}"))
                .isEqualTo(new SessionResponse(400, "{\"error\":\"user_id is required\"}"));
        assertThat(operations.handle("u", "{\"operation\":\"drop_table\"}"))
                .isEqualTo(new SessionResponse(400, "{\"error\":\"unknown operation 'drop_table'\"}"));
        assertThat(operations.handle("u", "{\"operation\":\"get_session\"}"))
                .isEqualTo(new SessionResponse(400, "{\"error\":\"session_id is required\"}"));
        assertThat(operations.handle("u", "{\"operation\":42}"))
                .isEqualTo(new SessionResponse(400, "{\"error\":\"operation must be a string\"}"));
        assertThat(operations.handle("u", "{\"operation\":\"update_session\",\"session_id\":\"s\","
                + "\"new_chat_entry\":{\"user\":\"q\"}}").statusCode()).isEqualTo(400);
        assertThat(operations.handle("u", "{\"operation\":\"update_session\",\"session_id\":\"s\","
                + "\"new_chat_entry\":{\"user\":\"q\",\"chatbot\":\"a\",\"status\":\"HACKED\"}}").statusCode())
                .isEqualTo(400);
        assertThat(operations.handle("u", "{\"operation\":\"get_session\",\"session_id\":\"a#TURN#1\"}").statusCode())
                .isEqualTo(400);
        assertThat(store.allTurns()).isEmpty();
    }

    @Test
    void aFailingStoreIsA500WithoutInternalsInTheBodyAndItsCauseForTheLog() {
        // given
        store.failWith(new IllegalStateException("ProvisionedThroughputExceededException on table sessions-prod"));

        // when
        SessionResponse response = operations.handle("u", SessionProtocol.listSessionsRequest("u", false));

        // then
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"the session store is unavailable, try again\"}");
        assertThat(response.cause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void getRecentTurnsAnswersWithTheLastTurnsOnlyAndRefusesAnUnboundedAsk() {
        // given
        for (int i = 1; i <= 30; i++) {
            operations.handle(null, SessionProtocol.appendTurnRequest(USER, "s1",
                    new Turn("q" + i, "a" + i, List.of(), TurnStatus.COMPLETE, NOW), "Title"));
        }

        // when
        SessionResponse recent = operations.handle(null, SessionProtocol.getRecentTurnsRequest(USER, "s1", 3));
        SessionResponse tooMany = operations.handle(null, SessionProtocol.getRecentTurnsRequest(USER, "s1", 5_000));

        // then
        assertThat(SessionProtocol.parseSession(recent.body()).orElseThrow().turns()).extracting(Turn::user)
                .containsExactly("q28", "q29", "q30");
        assertThat(store.recentReads()).containsExactly(3);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("{\"error\":\"max_turns must be a whole number from 0 to 100\"}");
    }

    @Test
    void aCancelledTurnKeepsItsStatusAndSourcesThroughTheProtocol() {
        // given
        Turn turn = new Turn("q", "partial", List.of(new Source("T", "https://x/1", "ex", Confidence.HIGH)),
                TurnStatus.CANCELLED, NOW.minusSeconds(5));

        // when
        operations.handle(null, SessionProtocol.appendTurnRequest(USER, "s1", turn, "Title"));
        Session session = SessionProtocol.parseSession(
                operations.handle(null, SessionProtocol.getSessionRequest(USER, "s1")).body()).orElseThrow();

        // then the turn keeps the time the chat pipeline dated it: one clock stamps a turn
        assertThat(session.title()).isEqualTo("Title");
        assertThat(session.turns()).containsExactly(turn);
    }

    @Test
    void overHttpTheServersClockDatesTheTurnWhateverTimeTheClientSends() {
        // given a client that back-dates its turn
        String body = "{\"operation\":\"update_session\",\"session_id\":\"" + SESSION + "\",\"new_chat_entry\":{"
                + "\"user\":\"Q\",\"chatbot\":\"A\",\"created_at\":\"2001-01-01T00:00:00Z\"}}";

        // when
        operations.handle(USER, body);

        // then
        assertThat(store.find(USER, SESSION).orElseThrow().turns()).extracting(Turn::createdAt).containsExactly(NOW);
    }

    @Test
    void overHttpATurnKeepsOnlyItsWordsNeverTheClientsSourcesOrStatus() throws Exception {
        // given a client that sends a link of its choosing as a "source" and labels the turn CANCELLED
        String body = "{\"operation\":\"update_session\",\"session_id\":\"" + SESSION + "\",\"new_chat_entry\":{"
                + "\"user\":\"Q\",\"chatbot\":\"A\",\"status\":\"CANCELLED\",\"metadata\":\"{\\\"Sources\\\":"
                + "[{\\\"title\\\":\\\"Pay here\\\",\\\"uri\\\":\\\"https://evil.example/pay\\\"}]}\"}}";

        // when
        SessionResponse response = operations.handle(USER, body);

        // then the seed page's update still works, and the turn is stored as the server's words only
        assertThat(response.statusCode()).isEqualTo(200);
        Turn stored = store.find(USER, SESSION).orElseThrow().turns().get(0);
        assertThat(stored).isEqualTo(new Turn("Q", "A", List.of(), TurnStatus.COMPLETE, NOW));
    }

    @Test
    void theChatRoutesTrustedInvokeKeepsTheMessageIdAndAClientsIsIgnored() {
        // given a turn the chat route answered, and a client that sends a message id of its own
        Turn answered = new Turn("q", "a", List.of(), TurnStatus.COMPLETE, NOW, "m-1");
        String fromClient = "{\"operation\":\"update_session\",\"session_id\":\"" + SESSION + "\",\"new_chat_entry\":{"
                + "\"user\":\"Q\",\"chatbot\":\"A\",\"message_id\":\"m-planted\"}}";

        // when
        operations.handle(null, SessionProtocol.appendTurnRequest(USER, SESSION, answered, "Title"));
        operations.handle(USER, fromClient);

        // then only the chat route's turn can be rated
        assertThat(store.find(USER, SESSION).orElseThrow().turns()).extracting(Turn::messageId)
                .containsExactly("m-1", "");
    }

    @Test
    void aMessageIdOutsideTheKeyAlphabetIsRefusedAndNothingIsStored() {
        // given
        Turn turn = new Turn("q", "a", List.of(), TurnStatus.COMPLETE, NOW, "m#1");

        // when
        SessionResponse response = operations.handle(null, SessionProtocol.appendTurnRequest(USER, SESSION, turn, "T"));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("message_id must be 1 to 128 letters");
        assertThat(store.find(USER, SESSION)).isEmpty();
    }

    @Test
    void theChatRoutesTrustedInvokeKeepsItsSourcesAndStatus() throws Exception {
        // when chat-fn saves a turn through Lambda Invoke (no authenticated user: the body's user_id)
        operations.handle(null, Fixtures.read("session/update-session-request.json"));

        // then
        Turn stored = store.find(USER, SESSION).orElseThrow().turns().get(0);
        assertThat(stored.sources()).extracting(Source::uri).containsExactly("https://docs.example.com/returns");
    }

    @Test
    void aQuestionOverTheMessageLimitOrAnAnswerOverItsBoundIsRefusedOnEveryPathAndNothingIsStored() {
        // given
        Turn longQuestion = new Turn("q".repeat(4_001), "A", List.of(), TurnStatus.COMPLETE, NOW);
        Turn longAnswer = new Turn("Q", "a".repeat(TurnLimits.MAX_ANSWER_CHARS + 1), List.of(), TurnStatus.COMPLETE, NOW);

        // when
        SessionResponse overHttp = operations.handle(USER, SessionProtocol.appendTurnRequest(USER, SESSION, longQuestion, "t"));
        SessionResponse overInvoke = operations.handle(null, SessionProtocol.appendTurnRequest(USER, SESSION, longAnswer, "t"));

        // then
        assertThat(overHttp.statusCode()).isEqualTo(400);
        assertThat(SessionProtocol.parseError(overHttp.body())).contains("4001 characters", "at most 4000", "MAX_USER_MESSAGE_CHARS");
        assertThat(overInvoke.statusCode()).isEqualTo(400);
        assertThat(SessionProtocol.parseError(overInvoke.body())).contains("at most " + TurnLimits.MAX_ANSWER_CHARS);
        assertThat(store.find(USER, SESSION)).isEmpty();
    }

    @Test
    void aTurnThatWouldNotFitOneDynamoDbItemIsRefused() {
        // given an answer within its character bound whose sources' metadata takes the item over 400 KB
        List<Source> sources = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sources.add(new Source("Doc " + i, "https://docs.example.com/" + i, "x".repeat(3_000), Confidence.HIGH));
        }
        Turn heavy = new Turn("Q", "a".repeat(TurnLimits.MAX_ANSWER_CHARS), sources, TurnStatus.COMPLETE, NOW);

        // when
        SessionResponse response = operations.handle(null, SessionProtocol.appendTurnRequest(USER, SESSION, heavy, "t"));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SessionProtocol.parseError(response.body())).contains("at most " + TurnLimits.MAX_TURN_BYTES);
        assertThat(store.find(USER, SESSION)).isEmpty();
    }

    @Test
    void aSessionTooBigForOneLambdaResponseLoadsWithItsNewestTurnsAndSaysHowManyAreLeftOut() throws Exception {
        // given 40 turns of 95,000 characters (the reported 9.6 MB session, written before the limits existed)
        List<Turn> turns = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            turns.add(new Turn("question " + i, String.valueOf((char) ('a' + i % 26)).repeat(95_000), List.of(), TurnStatus.COMPLETE, NOW));
        }
        store.put(new Session(USER, SESSION, "Huge", NOW, NOW, turns));

        // when
        SessionResponse response = operations.handle(USER, SessionProtocol.getSessionRequest(USER, SESSION));

        // then
        JsonNode body = JSON.readTree(response.body());
        int kept = body.path("chat_history").size();
        assertThat(response.body().length()).isLessThanOrEqualTo(TurnLimits.MAX_SESSION_BODY_BYTES + 1_000);
        assertThat(kept).isBetween(20, 39);
        assertThat(body.path("omitted_turns").asInt()).isEqualTo(40 - kept);
        assertThat(body.path("chat_history").get(kept - 1).path("user").asText()).isEqualTo("question 39");
    }
}
