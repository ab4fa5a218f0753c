package org.knowledgebot.chat.aws;

import java.util.List;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Any Bedrock chat model through the model-agnostic {@code ConverseStream} API (Llama, Nova, Cohere, newer
 * Mistral models ...). Same blocking and cancellation behaviour as {@link BedrockChatModel}.
 */
public final class BedrockConverseChatModel implements ChatModel {
    private final BedrockRuntimeAsyncClient client;
    private final String modelId;

    public BedrockConverseChatModel(BedrockRuntimeAsyncClient client, String modelId) {
        this.client = client;
        this.modelId = modelId;
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            return new Completion(Completion.CANCELLED, Usage.NONE);
        }
        StreamState state = new StreamState();
        EventStreamBridge<ConverseStreamOutput> bridge = new EventStreamBridge<>();
        ConverseStreamResponseHandler handler = bridge.handling(ConverseStreamResponseHandler.builder()).build();
        boolean completed = bridge.stream(() -> client.converseStream(converseRequest(request), handler), cancellation,
                event -> {
                    if (event instanceof ContentBlockDeltaEvent delta && delta.delta() != null) {
                        String text = delta.delta().text();
                        if (text != null && !text.isEmpty()) {
                            listener.onDelta(text);
                            return true;
                        }
                    } else if (event instanceof MessageStopEvent stop) {
                        state.stopReason = stop.stopReasonAsString();
                    } else if (event instanceof ConverseStreamMetadataEvent metadata && metadata.usage() != null) {
                        state.usage = new Usage(count(metadata.usage().inputTokens()),
                                count(metadata.usage().outputTokens()));
                    }
                    return false;
                });
        return new Completion(completed ? state.stopReason : Completion.CANCELLED, state.usage);
    }

    private ConverseStreamRequest converseRequest(ModelRequest request) {
        List<Message> messages = request.messages().stream()
                .map(message -> Message.builder()
                        .role(message.role() == ChatMessage.Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                        .content(ContentBlock.fromText(message.text()))
                        .build())
                .toList();
        InferenceConfiguration inference = InferenceConfiguration.builder()
                .maxTokens(request.maxTokens())
                .temperature((float) request.temperature())
                .topP(request.topP() == null ? null : request.topP().floatValue())
                .stopSequences(request.stopSequences().isEmpty() ? null : request.stopSequences())
                .build();
        return ConverseStreamRequest.builder()
                .modelId(modelId)
                .system(request.system().isBlank() ? null : List.of(SystemContentBlock.fromText(request.system())))
                .messages(messages)
                .inferenceConfig(inference)
                .build();
    }

    private static int count(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }

    /** What the events said about the end of the answer. */
    private static final class StreamState {
        private String stopReason;
        private Usage usage = Usage.NONE;
    }
}
