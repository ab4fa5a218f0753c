package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knowledgebot.chat.aws.StubAwsServer.restJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.observability.EventLog;
import software.amazon.awssdk.services.lambda.LambdaClient;

class LambdaSessionStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "chatbot-prod-SessionFunction-4F2kQ9";
    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final List<String> logLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LambdaSessionStore store = new LambdaSessionStore(stub.lambda(), FUNCTION,
            new EventLog(logLines::add, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)));

    @Test
    void findInvokesTheSessionFunctionWithAGetSessionBodyAndReadsTheHistory() throws Exception {
        // given
        stub.then(restJson(200, Fixtures.read("aws/lambda-get-session-response.json"),
                "X-Amz-Executed-Version", "$LATEST"));

        // when
        Optional<Session> session = store.find("sub-7f3a", "9e107d9d-372b-4a4e-a4f1-0c1d2e3f4a5b");

        // then
        StubAwsServer.Recorded request = stub.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2015-03-31/functions/" + FUNCTION + "/invocations");
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
        JsonNode body = JSON.readTree(JSON.readTree(request.body()).get("body").asText());
        assertThat(body.get("operation").asText()).isEqualTo("get_session");
        assertThat(body.get("user_id").asText()).isEqualTo("sub-7f3a");
        assertThat(body.get("session_id").asText()).isEqualTo("9e107d9d-372b-4a4e-a4f1-0c1d2e3f4a5b");

        assertThat(session).get().satisfies(found -> {
            assertThat(found.title()).isEqualTo("Parking permits");
            assertThat(found.turns()).containsExactly(new Turn("How much is a parking permit?",
                    "A residential permit costs 45 dollars a year.",
                    List.of(new Source("Residential parking", "https://riverton.example.gov/parking", "", Confidence.HIGH)),
                    TurnStatus.COMPLETE, Instant.parse("2026-11-25T14:02:11Z")));
        });
    }

    @Test
    void findRecentAsksTheSessionFunctionForTheLastTurnsOnly() throws Exception {
        // given
        stub.then(restJson(200, Fixtures.read("aws/lambda-get-session-response.json")));

        // when
        Optional<Session> session = store.findRecent("sub-7f3a", "9e107d9d-372b-4a4e-a4f1-0c1d2e3f4a5b", 10);

        // then
        JsonNode body = JSON.readTree(JSON.readTree(stub.onlyRequest().body()).get("body").asText());
        assertThat(body.get("operation").asText()).isEqualTo("get_recent_turns");
        assertThat(body.get("max_turns").asInt()).isEqualTo(10);
        assertThat(body.get("user_id").asText()).isEqualTo("sub-7f3a");
        assertThat(session).get().extracting(Session::title).isEqualTo("Parking permits");
    }

    @Test
    void aSessionFunctionWithoutGetRecentTurnsIsReadWithGetSessionFromThenOn() throws Exception {
        // given: the original session handler's answer to an operation it does not know, then a session
        String refused = "{\"statusCode\":400,\"body\":\"\\\"Operation not found/allowed! Operation Sent: get_recent_turns\\\"\"}";
        String found = Fixtures.read("aws/lambda-get-session-response.json");
        stub.then(restJson(200, refused)).then(restJson(200, found)).then(restJson(200, found));

        // when
        Optional<Session> first = store.findRecent("sub-7f3a", "9e107d9d-372b-4a4e-a4f1-0c1d2e3f4a5b", 10);
        Optional<Session> second = store.findRecent("sub-7f3a", "9e107d9d-372b-4a4e-a4f1-0c1d2e3f4a5b", 0);

        // then
        assertThat(stub.requests()).extracting(r -> operation(r)).containsExactly("get_recent_turns", "get_session", "get_session");
        assertThat(first).get().extracting(Session::title).isEqualTo("Parking permits");
        assertThat(first).get().extracting(s -> s.turns().size()).isEqualTo(1);
        assertThat(second).get().satisfies(s -> assertThat(s.turns()).isEmpty());
        assertThat(logLines).containsExactly("{\"timestamp\":\"2026-12-01T10:00:00Z\",\"level\":\"WARN\","
                + "\"route\":\"get_recent_turns\",\"outcome\":\"refused; reading get_session from now on\","
                + "\"cause\":\"SessionServiceException\"}");
    }

    @Test
    void aRequestThatGetSessionRefusesTooStillFailsAndKeepsAskingForRecentTurns() throws Exception {
        // given
        String refused = "{\"statusCode\":400,\"body\":\"{\\\"error\\\":\\\"session_id is required\\\"}\"}";
        stub.then(restJson(200, refused)).then(restJson(200, refused)).then(restJson(200, refused))
                .then(restJson(200, refused));

        // when / then
        assertThatThrownBy(() -> store.findRecent("sub-7f3a", "", 10))
                .isInstanceOf(LambdaSessionStore.SessionServiceException.class)
                .hasMessage("the session service refused the request (status 400: session_id is required)");
        assertThatThrownBy(() -> store.findRecent("sub-7f3a", "", 10))
                .isInstanceOf(LambdaSessionStore.SessionServiceException.class);
        assertThat(stub.requests()).extracting(r -> operation(r)).containsExactly("get_recent_turns", "get_session", "get_recent_turns", "get_session");
    }

    private static String operation(StubAwsServer.Recorded request) {
        try {
            return JSON.readTree(JSON.readTree(request.body()).get("body").asText()).get("operation").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAbsentSessionIsEmpty() {
        // given
        stub.then(restJson(200, "{\"statusCode\":200,\"body\":\"{}\"}"));

        // when / then
        assertThat(store.find("sub-7f3a", "unknown")).isEmpty();
    }

    @Test
    void appendSendsTheTurnAsANewChatEntry() throws Exception {
        // given
        stub.then(restJson(200, "{\"statusCode\":200,\"body\":\"{\\\"session_id\\\":\\\"s-1\\\"}\"}"));
        Turn turn = new Turn("Where is city hall?", "On Main Street.",
                List.of(new Source("City hall", "https://riverton.example.gov/city-hall", "Main Street 1", Confidence.VERY_HIGH)),
                TurnStatus.CANCELLED, Instant.parse("2026-11-25T15:00:00Z"));

        // when
        store.append("sub-7f3a", "s-1", turn, "Where is city hall");

        // then
        JsonNode body = JSON.readTree(JSON.readTree(stub.onlyRequest().body()).get("body").asText());
        assertThat(body.get("operation").asText()).isEqualTo("update_session");
        assertThat(body.get("title").asText()).isEqualTo("Where is city hall");
        assertThat(body.at("/new_chat_entry/user").asText()).isEqualTo("Where is city hall?");
        assertThat(body.at("/new_chat_entry/status").asText()).isEqualTo("CANCELLED");
        assertThat(JSON.readTree(body.at("/new_chat_entry/metadata").asText()).at("/Sources/0/uri").asText())
                .isEqualTo("https://riverton.example.gov/city-hall");
    }

    @Test
    void theOriginalSessionHandlersUpdateAnswerWithAnObjectBodyIsASavedTurn() {
        // given: the original Python handler returns update_session's body as a dict, not a JSON string
        stub.then(restJson(200, Fixtures.read("aws/lambda-original-update-session-response.json")));
        Turn turn = new Turn("Where is city hall?", "On Main Street.", List.of(), TurnStatus.COMPLETE,
                Instant.parse("2026-11-25T15:00:00Z"));

        // when / then: no SessionServiceException, so the answer is not logged as a lost turn
        store.append("sub-7f3a", "s-1", turn, null);
        assertThat(operation(stub.onlyRequest())).isEqualTo("update_session");
    }

    @Test
    void anUnhandledFunctionErrorIsAClearFailure() {
        // given
        stub.then(restJson(200, """
                {"errorMessage":"Task timed out after 10.01 seconds","errorType":"Sandbox.Timedout"}""",
                "X-Amz-Function-Error", "Unhandled"));

        // when / then
        assertThatThrownBy(() -> store.find("sub-7f3a", "s-1"))
                .isInstanceOf(LambdaSessionStore.SessionServiceException.class)
                .hasMessage("the session function failed (Unhandled)");
    }

    @Test
    void aRefusedOperationCarriesTheServicesReason() {
        // given
        stub.then(restJson(200, "{\"statusCode\":400,\"body\":\"{\\\"error\\\":\\\"session_id is required\\\"}\"}"));

        // when / then
        assertThatThrownBy(() -> store.delete("sub-7f3a", ""))
                .isInstanceOf(LambdaSessionStore.SessionServiceException.class)
                .hasMessage("the session service refused the request (status 400: session_id is required)");
    }

    @Test
    void listAndDeleteReadTheirResponseBodies() {
        // given
        stub.then(restJson(200, """
                {"statusCode":200,"body":"[{\\"session_id\\":\\"s-2\\",\\"title\\":\\"Trash pickup\\",\\"created_at\\":\\"2026-11-24T09:00:00Z\\",\\"updated_at\\":\\"2026-11-25T10:00:00Z\\"},{\\"session_id\\":\\"s-1\\",\\"title\\":\\"Parking\\",\\"created_at\\":\\"2026-11-20T09:00:00Z\\",\\"updated_at\\":\\"2026-11-21T10:00:00Z\\"}]"}"""))
                .then(restJson(200, "{\"statusCode\":200,\"body\":\"{\\\"deleted\\\":2}\"}"));

        // when
        var sessions = store.listRecent("sub-7f3a", 1);
        int deleted = store.deleteAll("sub-7f3a");

        // then
        assertThat(sessions).extracting(s -> s.sessionId()).containsExactly("s-2");
        assertThat(deleted).isEqualTo(2);
    }
}
