package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.restJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

class BedrockCompletionModelTest {
    private static final String MISTRAL = "mistral.mistral-7b-instruct-v0:2";
    private static final String CLAUDE = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final ModelRequest REWRITE = new ModelRequest("Rewrite the follow-up as a standalone question.",
            List.of(ChatMessage.user("Follow-up question: And how much is it?\nStandalone question:")), 200, 0.0, null,
            List.of("\n\n"));

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @Test
    void asksMistralThroughInvokeModelAndHandsTheWholeAnswerOverAsOnePiece() throws Exception {
        // given
        stub.then(restJson(200, Fixtures.read("aws/mistral-invoke-response.json")));
        ChatModel model = BedrockCompletionModel.forModel(stub.bedrockRuntime(), MISTRAL);

        // when
        Completion completion = model.stream(REWRITE, deltas::add, new Cancellation());

        // then
        JsonNode body = stub.onlyJsonPost("/model/" + MISTRAL + "/invoke").json();
        assertThat(body.get("prompt").asText()).startsWith("<s>[INST] Rewrite the follow-up as a standalone question. [/INST]");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(deltas).containsExactly(" How much does a residential parking permit cost?");
        assertThat(completion.stopReason()).isEqualTo("end_turn");
    }

    @Test
    void readsClaudesMessageTextStopReasonAndUsage() throws Exception {
        // given
        stub.then(restJson(200, Fixtures.read("aws/anthropic-invoke-response.json")));
        ChatModel model = BedrockCompletionModel.forModel(stub.bedrockRuntime(), CLAUDE);

        // when
        Completion completion = model.stream(REWRITE, deltas::add, new Cancellation());

        // then
        assertThat(stub.onlyRequest().path()).isEqualTo("/model/" + CLAUDE + "/invoke");
        assertThat(stub.onlyRequest().json().get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(deltas).containsExactly("Parking permit costs");
        assertThat(completion).isEqualTo(new Completion("end_turn", new Usage(58, 4)));
    }
}
