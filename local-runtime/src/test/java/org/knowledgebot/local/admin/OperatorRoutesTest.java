package org.knowledgebot.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.Rating;
import org.knowledgebot.core.observability.UserHash;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.auth.LocalTokenIssuer;
import org.knowledgebot.local.gateway.WsClient;

/** With --auth=local: the admin routes run admin-fn's real handler, and only tokens in the admins group pass. */
class OperatorRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of("LOCAL_AUTH", "local"));

    private static String token(String body) throws Exception {
        HttpResponse<String> response = chatbot.post("/dev/token", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("idToken").asText();
    }

    @Test
    void aTokenInTheAdminsGroupListsFeedbackAndAnyOtherGets403() throws Exception {
        chatbot.runtime().component().feedbackStore().save(new Feedback("u1", "s1", "m1", Rating.DOWN,
                Optional.of(FeedbackCategory.WRONG), "Wrong day.", "When?", "Monday.", List.of("Waste"), Instant.now()));
        String ann = token("{\"username\":\"ann\",\"groups\":[\"admins\"]}");
        String bob = token("{\"username\":\"bob\"}");
        String eve = token("{\"username\":\"eve\",\"groups\":[\"editors\"]}");

        HttpResponse<String> annsList = chatbot.get("/admin/feedback", ann);
        HttpResponse<String> annsCsv = chatbot.get("/admin/feedback.csv?rating=down", ann);

        assertThat(annsList.statusCode()).isEqualTo(200);
        JsonNode items = JSON.readTree(annsList.body()).path("items");
        assertThat(items.findValuesAsText("comment")).contains("Wrong day.");
        assertThat(annsCsv.statusCode()).isEqualTo(200);
        assertThat(annsCsv.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
        assertThat(annsCsv.body()).contains("\"Wrong day.\"");
        assertThat(chatbot.get("/admin/feedback", bob).statusCode()).isEqualTo(403);
        assertThat(chatbot.get("/admin/feedback.csv", eve).statusCode()).isEqualTo(403);
        assertThat(chatbot.get("/admin/feedback").statusCode()).isEqualTo(401);
    }

    @Test
    void anOperatorSeesTodaysQuestionAndItsTokensUnderTheAskersHashAndAnyOtherGets403() throws Exception {
        // given ann, an operator, asked one question today
        String ann = token("{\"username\":\"ann\",\"groups\":[\"admins\"]}");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long before = questionsToday(ann, today);
        try (WsClient client = WsClient.connect(chatbot.socketUri("Authorization=" + ann))) {
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"u-1\",\"message\":\"When is the first half of the property tax due?\"}");
            client.until(frame -> frame.contains("\"type\":\"end\""));
        }
        // The question is counted just after its end frame went out.
        chatbot.awaited("today's count", () -> questionsToday(ann, today), count -> count > before);

        // when
        HttpResponse<String> usage = chatbot.get("/admin/usage?since=" + today, ann);

        // then
        assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(usage.body());
        assertThat(json.at("/days/0/day").asText()).isEqualTo(today);
        assertThat(json.at("/days/0/questions").asLong()).isEqualTo(before + 1);
        assertThat(json.at("/days/0/inputTokens").asLong()).isPositive();
        assertThat(json.path("unpricedModels").toString()).isEqualTo("[\"offline\"]");
        assertThat(json.path("topUsers").findValuesAsText("userHash"))
                .contains(UserHash.of(LocalTokenIssuer.subjectOf("ann")));
        assertThat(usage.body()).doesNotContain("ann");
        assertThat(chatbot.get("/admin/usage?since=yesterday", ann).statusCode()).isEqualTo(400);
        assertThat(chatbot.get("/admin/usage", token("{\"username\":\"bob\"}")).statusCode()).isEqualTo(403);
    }

    private static long questionsToday(String token, String today) throws Exception {
        return JSON.readTree(chatbot.get("/admin/usage?since=" + today, token).body()).at("/days/0/questions").asLong();
    }

    @Test
    void aTokenRequestWithMalformedGroupsIs400() throws Exception {
        assertThat(chatbot.post("/dev/token", "{\"username\":\"ann\",\"groups\":\"admins\"}", null).statusCode()).isEqualTo(400);
        assertThat(chatbot.post("/dev/token", "{\"username\":\"ann\",\"groups\":[\"a b\"]}", null).statusCode()).isEqualTo(400);
        assertThat(chatbot.post("/dev/token", "{\"username\":\"ann\",\"groups\":[7]}", null).statusCode()).isEqualTo(400);
    }
}
