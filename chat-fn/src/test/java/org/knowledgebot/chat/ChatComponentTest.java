package org.knowledgebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsBackend;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.config.Environment;

/** The whole chat-fn graph, real adapters and SDK clients, against stubbed AWS endpoints. */
class ChatComponentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StubAwsBackend aws = new StubAwsBackend();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void aSendMessageEventIsAnsweredThroughKendraBedrockTheSessionFunctionAndTheConnectionsApi() throws Exception {
        // given
        ChatComponent component = DaggerChatComponent.factory()
                .create(new Environment(aws.lambdaEnvironment()), aws.server().clients());
        ChatHandler handler = new ChatHandler(component.chatEndpoint(), component.eventLog());

        // when
        handler.handleRequest(WebSocketEvents.load("send-message.json"), null);

        // then
        List<JsonNode> frames = new ArrayList<>();
        for (String frame : aws.framesPostedTo("L0SM9cOFvHcCIhw=")) {
            frames.add(JSON.readTree(frame));
        }
        assertThat(frames).first().satisfies(start -> assertThat(start.get("type").asText()).isEqualTo("start"));
        List<String> tokens = frames.stream().filter(frame -> frame.get("type").asText().equals("token"))
                .map(frame -> frame.get("text").asText()).toList();
        assertThat(tokens).as("the first delta goes out at once").first().isEqualTo("A residential");
        assertThat(String.join("", tokens)).isEqualTo("A residential permit costs 45 dollars a year.");
        JsonNode sources = frames.get(frames.size() - 2);
        assertThat(sources.get("type").asText()).isEqualTo("sources");
        assertThat(sources.at("/sources/0/uri").asText()).isEqualTo("https://docs.acme.example/guides/vpn-setup.pdf");
        assertThat(sources.at("/sources/0/confidence").asText()).isEqualTo("VERY_HIGH");
        JsonNode end = frames.get(frames.size() - 1);
        assertThat(end.get("type").asText()).isEqualTo("end");
        assertThat(end.get("stopReason").asText()).isEqualTo("end_turn");
        assertThat(end.at("/usage/inputTokens").asInt()).isEqualTo(412);

        StubAwsServer.Recorded kendra = aws.server().requests().stream()
                .filter(request -> "AWSKendraFrontendService.Retrieve".equals(request.header("X-Amz-Target")))
                .findFirst().orElseThrow();
        assertThat(JSON.readTree(kendra.body()).get("QueryText").asText())
                .isEqualTo("How much is a residential parking permit?");
        assertThat(aws.sessionOperations()).extracting(operation -> operation.get("operation").asText())
                .containsExactly("update_session");
        assertThat(aws.sessionOperations()).allSatisfy(operation ->
                assertThat(operation.get("user_id").asText()).isEqualTo("7f3a9c2e-1b4d-4e8f-a6c5-2d9e0b1f3a47"));
        assertThat(aws.deleted("L0SM9cOFvHcCIhw=")).isFalse();
    }

    @Test
    void withTheOriginalFunctionsEnvironmentNoUsageTableTheAnswerStillEndsAndNothingIsCounted() throws Exception {
        // given the original function's variables only: no USAGE_TABLE_NAME, no limits
        Map<String, String> environment = new HashMap<>(aws.lambdaEnvironment());
        environment.remove("USAGE_TABLE_NAME");
        ChatComponent component = DaggerChatComponent.factory().create(new Environment(environment), aws.server().clients());
        ChatHandler handler = new ChatHandler(component.chatEndpoint(), component.eventLog());

        // when
        handler.handleRequest(WebSocketEvents.load("send-message.json"), null);

        // then
        List<String> posted = aws.framesPostedTo("L0SM9cOFvHcCIhw=");
        assertThat(JSON.readTree(posted.get(posted.size() - 1)).get("type").asText()).isEqualTo("end");
        assertThat(aws.server().requests()).noneSatisfy(request ->
                assertThat(String.valueOf(request.header("X-Amz-Target"))).startsWith("DynamoDB_"));
    }

    @Test
    void aUserOverTheStagesMessageRateIsThrottledBeforeBedrockIsCalledAndNothingIsSaved() throws Exception {
        // given a stage allowing one message a minute per user
        Map<String, String> environment = new HashMap<>(aws.lambdaEnvironment());
        environment.put("USER_MESSAGES_PER_MINUTE", "1");
        environment.put("USER_DAILY_TOKENS", "200000");
        environment.put("USAGE_TABLE_NAME", "knowledgebot-prod-usage");
        ChatComponent component = DaggerChatComponent.factory().create(new Environment(environment), aws.server().clients());
        ChatHandler handler = new ChatHandler(component.chatEndpoint(), component.eventLog());
        handler.handleRequest(WebSocketEvents.load("send-message.json"), null);
        int modelCalls = bedrockCalls();
        int sessionCalls = aws.sessionOperations().size();
        int frames = aws.framesPostedTo("L0SM9cOFvHcCIhw=").size();

        // when the same user sends two more at once: two of the three share a minute, wherever its boundary falls
        handler.handleRequest(WebSocketEvents.load("send-message.json"), null);
        handler.handleRequest(WebSocketEvents.load("send-message.json"), null);

        // then at least one is refused, and a refused one reaches neither Bedrock nor the session function
        List<String> posted = aws.framesPostedTo("L0SM9cOFvHcCIhw=");
        List<JsonNode> refusals = new ArrayList<>();
        for (String frame : posted.subList(frames, posted.size())) {
            JsonNode node = JSON.readTree(frame);
            if (node.get("type").asText().equals("error")) {
                refusals.add(node);
            }
        }
        assertThat(refusals).isNotEmpty().allSatisfy(refusal -> {
            assertThat(refusal.get("code").asText()).isEqualTo("THROTTLED");
            assertThat(refusal.get("retryable").asBoolean()).isTrue();
            assertThat(refusal.get("retryAfterSeconds").asLong()).isBetween(1L, 60L);
        });
        int answered = 2 - refusals.size();
        assertThat(bedrockCalls()).isEqualTo(modelCalls * (1 + answered));
        assertThat(aws.sessionOperations()).hasSize(sessionCalls * (1 + answered));
        StubAwsServer.Recorded count = aws.server().requests().stream()
                .filter(request -> "DynamoDB_20120810.UpdateItem".equals(request.header("X-Amz-Target")))
                .findFirst().orElseThrow();
        assertThat(JSON.readTree(count.body()).at("/Key/user_id/S").asText()).isEqualTo("7f3a9c2e-1b4d-4e8f-a6c5-2d9e0b1f3a47");
    }

    private int bedrockCalls() {
        return (int) aws.server().requests().stream().filter(request -> request.path().startsWith("/model/")).count();
    }

    @Test
    void theKnowledgeBaseRetrieverNeedsOnlyItsOwnId() {
        // given
        Map<String, String> environment = new HashMap<>(aws.lambdaEnvironment());
        environment.remove("INDEX_ID");
        environment.put("RETRIEVER", "knowledgeBase");
        environment.put("KNOWLEDGE_BASE_ID", "KBX7Q2M4ZP");

        // when
        ChatComponent component = DaggerChatComponent.factory()
                .create(new Environment(environment), aws.server().clients());

        // then
        assertThat(component.chatEndpoint()).isNotNull();
        assertThat(aws.server().requests()).as("building the graph calls no service").isEmpty();
    }

    @Test
    void primingWarmsTheGraphAndCodecsWithoutAnyNetworkCall() {
        // given
        ChatComponent component = DaggerChatComponent.factory()
                .create(new Environment(aws.lambdaEnvironment()), aws.server().clients());

        // when
        new SnapStartPriming(component).beforeCheckpoint(null);

        // then
        assertThat(aws.server().requests()).isEmpty();
    }
}
