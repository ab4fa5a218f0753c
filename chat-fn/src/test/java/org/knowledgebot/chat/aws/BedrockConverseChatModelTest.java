package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;

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

class BedrockConverseChatModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LLAMA = "meta.llama3-1-70b-instruct-v1:0";
    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @Test
    void sendsConverseStreamAndStreamsTextDeltasWithStopReasonAndUsage() throws Exception {
        // given
        stub.then(EventStreams.streaming(List.of(
                EventStreams.event("messageStart", "{\"role\":\"assistant\",\"p\":\"abcdefgh\"}"),
                EventStreams.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"The library\"},\"p\":\"abcd\"}"),
                EventStreams.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" opens at nine.\"},\"p\":\"ab\"}"),
                EventStreams.event("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"abcdef\"}"),
                EventStreams.event("messageStop", "{\"stopReason\":\"end_turn\",\"p\":\"abc\"}"),
                EventStreams.event("metadata", "{\"usage\":{\"inputTokens\":57,\"outputTokens\":8,\"totalTokens\":65},\"metrics\":{\"latencyMs\":412},\"p\":\"a\"}"))));
        ChatModel model = BedrockChatModel.forModel(stub.bedrockRuntime(), LLAMA);
        ModelRequest request = new ModelRequest("Answer from the knowledge only.",
                List.of(ChatMessage.user("When does the library open?"), ChatMessage.assistant("At nine."),
                        ChatMessage.user("And on Sundays?")), 512, 0.1, 0.9, List.of("\nUser:"));

        // when
        Completion completion = model.stream(request, deltas::add, new Cancellation());

        // then
        StubAwsServer.Recorded sent = stub.onlyRequest();
        assertThat(sent.path()).isEqualTo("/model/" + LLAMA + "/converse-stream");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.at("/system/0/text").asText()).isEqualTo("Answer from the knowledge only.");
        assertThat(body.get("messages")).hasSize(3);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/2/content/0/text").asText()).isEqualTo("And on Sundays?");
        assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(512);
        assertThat(body.at("/inferenceConfig/topP").asDouble()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.at("/inferenceConfig/stopSequences/0").asText()).isEqualTo("\nUser:");

        assertThat(deltas).containsExactly("The library", " opens at nine.");
        assertThat(completion).isEqualTo(new Completion("end_turn", new Usage(57, 8)));
    }
}
