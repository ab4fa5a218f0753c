package org.knowledgebot.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.gateway.WsClient;

/** POST /feedback locally: the real admin handler over the runtime's own session store, with --auth=local. */
class FeedbackRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of("LOCAL_AUTH", "local"));

    /** The start frame of the answer to {@code question}, asked with {@code token}, with the answer's source titles. */
    private static JsonNode ask(String token, String question) throws Exception {
        try (WsClient client = WsClient.connect(chatbot.socketUri("Authorization=" + token))) {
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"f-1\",\"message\":\"" + question + "\"}");
            List<String> frames = client.until(frame -> frame.contains("\"type\":\"end\"") || frame.contains("\"type\":\"error\""));
            ObjectNode start = (ObjectNode) JSON.readTree(frames.get(0));
            var titles = start.putArray("titles");
            for (String frame : frames) {
                JSON.readTree(frame).path("sources").findValuesAsText("title").forEach(titles::add);
            }
            return start;
        }
    }

    private static List<String> titles(JsonNode start) {
        List<String> titles = new ArrayList<>();
        start.path("titles").forEach(title -> titles.add(title.asText()));
        return titles;
    }

    private static String rating(JsonNode start, String rest) {
        return "{\"sessionId\":\"" + start.path("sessionId").asText() + "\",\"messageId\":\""
                + start.path("messageId").asText() + "\"," + rest + "}";
    }

    @Test
    void aUserRatesTheirAnswerByTheStartFramesMessageIdAndNobodyElseCan() throws Exception {
        // given bob's answered question
        String bob = chatbot.devToken("bob");
        JsonNode start = ask(bob, "When is the first half of the property tax due?");

        // when
        HttpResponse<String> first = chatbot.post("/feedback", rating(start, "\"rating\":\"up\""), bob);
        HttpResponse<String> second = chatbot.post("/feedback", rating(start,
                "\"rating\":\"down\",\"category\":\"incomplete\",\"comment\":\"No late fee.\""), bob);
        HttpResponse<String> eves = chatbot.post("/feedback", rating(start, "\"rating\":\"up\""), chatbot.devToken("eve"));

        // then the second rating replaced the first, with the turn's question; eve's is a 404
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(eves.statusCode()).isEqualTo(404);
        assertThat(chatbot.runtime().component().feedbackStore().list(new FeedbackQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), 10)).items())
                .singleElement().satisfies(saved -> {
                    assertThat(saved.comment()).isEqualTo("No late fee.");
                    assertThat(saved.question()).isEqualTo("When is the first half of the property tax due?");
                    assertThat(saved.sourceTitles()).containsExactlyElementsOf(titles(start));
                });
    }

    @Test
    void badRatingsAre400WithWhatToSendAndNothingIsSaved() throws Exception {
        // given
        String carol = chatbot.devToken("carol");
        JsonNode start = ask(carol, "Where do I pay a parking ticket?");
        int before = chatbot.runtime().component().feedbackStore().list(new FeedbackQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), 200)).items().size();

        // when
        HttpResponse<String> unknownRating = chatbot.post("/feedback", rating(start, "\"rating\":\"meh\""), carol);
        HttpResponse<String> unknownCategory = chatbot.post("/feedback",
                rating(start, "\"rating\":\"down\",\"category\":\"rude\""), carol);
        HttpResponse<String> longComment = chatbot.post("/feedback", rating(start,
                "\"rating\":\"down\",\"category\":\"other\",\"comment\":\"" + "x".repeat(1_001) + "\""), carol);
        HttpResponse<String> notJson = chatbot.post("/feedback", "rating=up", carol);

        // then
        assertThat(unknownRating.statusCode()).isEqualTo(400);
        assertThat(unknownRating.body()).contains("rating must be \\\"up\\\" or \\\"down\\\"");
        assertThat(unknownCategory.statusCode()).isEqualTo(400);
        assertThat(unknownCategory.body()).contains("wrong, incomplete, outdated, other");
        assertThat(longComment.statusCode()).isEqualTo(400);
        assertThat(longComment.body()).contains("at most 1000");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(chatbot.runtime().component().feedbackStore().list(new FeedbackQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), 200)).items())
                .hasSize(before);
    }
}
