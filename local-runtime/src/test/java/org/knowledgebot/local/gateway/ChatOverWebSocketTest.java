package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.http.LocalUser;
import org.knowledgebot.local.model.OfflineAnswerModel;

/** Both chat protocols, frame by frame, over a real WebSocket connection to the runtime. */
class ChatOverWebSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());

    private static JsonNode json(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + frame, e);
        }
    }

    private static boolean isType(String frame, String type) {
        return frame.startsWith("{") && json(frame).path("type").asText().equals(type);
    }

    private static String sendMessage(String requestId, String sessionId, String message) {
        StringBuilder body = new StringBuilder("{\"action\":\"sendMessage\",\"requestId\":\"").append(requestId).append('"');
        if (sessionId != null) {
            body.append(",\"sessionId\":\"").append(sessionId).append('"');
        }
        return body.append(",\"message\":").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(message).toString()).append('}').toString();
    }

    @Test
    void typedProtocolStreamsStartTokensSourcesEndAndSavesTheTurn() throws InterruptedException {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send(sendMessage("r-1", null, "How much does a residential parking permit cost?"));
            List<String> frames = client.until(frame -> isType(frame, "end") || isType(frame, "error"));

            // then
            JsonNode start = json(frames.get(0));
            assertThat(start.path("type").asText()).isEqualTo("start");
            assertThat(start.path("requestId").asText()).isEqualTo("r-1");
            assertThat(start.path("messageId").asText()).isNotBlank();
            String sessionId = start.path("sessionId").asText();
            assertThat(sessionId).isNotBlank();
            List<JsonNode> tokens = frames.subList(1, frames.size() - 2).stream().map(ChatOverWebSocketTest::json).toList();
            assertThat(tokens).isNotEmpty().allSatisfy(token -> {
                assertThat(token.path("type").asText()).isEqualTo("token");
                assertThat(token.path("requestId").asText()).isEqualTo("r-1");
            });
            String answer = tokens.stream().map(token -> token.path("text").asText()).collect(Collectors.joining());
            assertThat(answer).startsWith(OfflineAnswerModel.LABEL).contains("costs 45 euros");
            JsonNode sources = json(frames.get(frames.size() - 2));
            assertThat(sources.path("type").asText()).isEqualTo("sources");
            assertThat(sources.path("requestId").asText()).isEqualTo("r-1");
            JsonNode first = sources.path("sources").get(0);
            assertThat(first.path("title").asText()).isEqualTo("Residential parking permits");
            assertThat(first.path("uri").asText()).isEqualTo(chatbot.http("/knowledge/parking-permits.md").toString());
            assertThat(first.path("excerpt").asText()).contains("parking");
            assertThat(first.path("confidence").asText()).isEqualTo("VERY_HIGH");
            JsonNode end = json(frames.get(frames.size() - 1));
            assertThat(end.path("type").asText()).isEqualTo("end");
            assertThat(end.path("requestId").asText()).isEqualTo("r-1");
            assertThat(end.path("stopReason").asText()).isEqualTo("end_turn");
            assertThat(end.path("usage").path("outputTokens").asInt()).isPositive();
            Session saved = chatbot.savedSession(LocalUser.ID, sessionId, 1);
            assertThat(saved.turns()).singleElement().satisfies(turn -> {
                assertThat(turn.status()).isEqualTo(TurnStatus.COMPLETE);
                assertThat(turn.chatbot()).isEqualTo(answer);
            });
        }
    }

    @Test
    void aFollowUpOnTheSameConnectionUsesTheConversation() throws InterruptedException {
        try (WsClient client = chatbot.connect()) {
            // given
            client.send(sendMessage("q-1", null, "How do I renew my residential parking permit?"));
            List<String> first = client.until(frame -> isType(frame, "end"));
            String sessionId = json(first.get(0)).path("sessionId").asText();
            chatbot.savedSession(LocalUser.ID, sessionId, 1);

            // when
            client.send(sendMessage("q-2", sessionId, "How much does it cost?"));
            List<String> second = client.until(frame -> isType(frame, "end"));

            // then
            assertThat(json(second.get(0)).path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(second).allSatisfy(frame -> assertThat(json(frame).path("requestId").asText()).isEqualTo("q-2"));
            String answer = second.stream().filter(frame -> isType(frame, "token"))
                    .map(frame -> json(frame).path("text").asText()).collect(Collectors.joining());
            assertThat(answer).contains("45 euros");
            assertThat(chatbot.savedSession(LocalUser.ID, sessionId, 2).turns()).hasSize(2);
        }
    }

    @Test
    void seedProtocolSendsTextThenTheEofMarkerThenSourcesAndCloses() {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send("{\"action\":\"getChatbotResponse\",\"data\":{\"userMessage\":\"When is the library open on Saturday?\","
                    + "\"chatHistory\":[],\"user_id\":\"someone-else\",\"session_id\":\"seed-session-1\"}}");
            // Until the frame after the marker: a text frame may start with a citation "[1]" too.
            AtomicBoolean markerSeen = new AtomicBoolean();
            List<String> frames = client.until(frame -> {
                if (markerSeen.get()) {
                    return true;
                }
                markerSeen.set(frame.equals("!<|EOF_STREAM|>!"));
                return false;
            });

            // then
            int eof = frames.indexOf("!<|EOF_STREAM|>!");
            assertThat(eof).isPositive().isEqualTo(frames.size() - 2);
            String answer = String.join("", frames.subList(0, eof));
            assertThat(answer).startsWith(OfflineAnswerModel.LABEL).contains("Saturday from 10:00 to 14:00");
            // the seed frame is unchanged: [{title, uri}] only, here just the one document the answer cites
            assertThat(frames.get(frames.size() - 1)).isEqualTo("[{\"title\":\"Riverton Public Library & Archive\",\"uri\":\""
                    + chatbot.runtime().baseUri() + "/knowledge/services/library.html\"}]");
            assertThat(client.closeCode()).isEqualTo(1000);
            assertThat(chatbot.runtime().component().sessionStore().find(LocalUser.ID, "seed-session-1")).isPresent();
            assertThat(chatbot.runtime().component().sessionStore().find("someone-else", "seed-session-1")).isEmpty();
        }
    }

    @Test
    void typedSourcesAreTheCitedDocumentsEachWithItsNumberAndTheExcerptOfThePassageThatMatched() {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"cite-1\",\"message\":\"When is the library open on Saturday?\"}");
            List<String> frames = client.until(frame -> isType(frame, "end"));

            // then
            String answer = frames.stream().filter(frame -> isType(frame, "token"))
                    .map(frame -> json(frame).path("text").asText()).collect(Collectors.joining());
            JsonNode sources = frames.stream().filter(frame -> isType(frame, "sources")).map(ChatOverWebSocketTest::json)
                    .findFirst().orElseThrow().path("sources");
            assertThat(sources).hasSize(1);
            assertThat(sources.get(0).path("index").asInt()).isPositive();
            assertThat(answer).contains("[" + sources.get(0).path("index").asInt() + "]");
            assertThat(sources.get(0).path("excerpt").asText()).contains("Saturday from 10:00 to 14:00");
        }
    }

    @Test
    void malformedJsonGetsATypedBadRequestWithoutRequestIdAndTheConnectionStaysOpen() {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send("{\"action\":\"sendMessage\", this is not json");
            JsonNode error = json(client.next());

            // then
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("retryable").asBoolean()).isFalse();
            assertThat(error.has("requestId")).isFalse();
            client.send(sendMessage("after", null, "library opening hours"));
            assertThat(json(client.next()).path("type").asText()).isEqualTo("start");
            client.until(frame -> isType(frame, "end"));
        }
    }

    @Test
    void anUnknownActionGoesToTheDefaultRouteAndGetsABadRequest() throws InterruptedException {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send("{\"action\":\"launchRockets\",\"requestId\":\"x-1\"}");
            JsonNode error = json(client.next());

            // then
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("message").asText()).doesNotContain("Exception", "at org.");
            assertThat(client.receivesWithin(Duration.ofMillis(200))).isFalse();
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void missingFieldsAreABadRequestThatKeepsTheRequestId() {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"m-1\"}");
            JsonNode error = json(client.next());

            // then
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("requestId").asText()).isEqualTo("m-1");
        }
    }

    @Test
    void aSeedMessageWithoutUserMessageGetsAnErrorFrameAndIsClosed() {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send("{\"action\":\"getChatbotResponse\",\"data\":{}}");

            // then
            assertThat(client.next()).startsWith("<!ERROR!>: ");
            assertThat(client.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aMessageOverTheUserLimitButUnder128KbIsABadRequestAndNothingIsSaved() {
        try (WsClient client = chatbot.connect()) {
            // given
            String longQuestion = "parking ".repeat(2_000);

            // when
            client.send(sendMessage("big-1", "never-saved", longQuestion));
            JsonNode error = json(client.next());

            // then
            assertThat(error.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("requestId").asText()).isEqualTo("big-1");
            assertThat(chatbot.runtime().component().sessionStore().find(LocalUser.ID, "never-saved")).isEmpty();
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aMessageOver128KbClosesTheConnectionWith1009() {
        try (WsClient client = chatbot.connect()) {
            // when
            client.send(sendMessage("huge", null, "x".repeat(130 * 1024)));

            // then
            assertThat(client.closeCode()).isEqualTo(1009);
        }
    }
}
