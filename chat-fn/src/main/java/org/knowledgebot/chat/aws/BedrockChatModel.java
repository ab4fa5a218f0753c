package org.knowledgebot.chat.aws;

import org.knowledgebot.core.model.ChunkDecoder;
import org.knowledgebot.core.model.ModelPayload;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * A Bedrock model streamed through {@code InvokeModelWithResponseStream} with shared-core's payload format of
 * its family (Anthropic Messages or Mistral instruct). Blocks the calling thread until the answer is done;
 * cancelling stops the HTTP stream at once. Use {@link #forModel} to get the right adapter for any model id.
 */
public final class BedrockChatModel implements ChatModel {
    private final BedrockRuntimeAsyncClient client;
    private final String modelId;
    private final ModelPayload payload;

    BedrockChatModel(BedrockRuntimeAsyncClient client, String modelId, ModelPayload payload) {
        this.client = client;
        this.modelId = modelId;
        this.payload = payload;
    }

    /** The adapter for {@code modelId}: InvokeModel for Claude and Mistral instruct, ConverseStream otherwise. */
    public static ChatModel forModel(BedrockRuntimeAsyncClient client, String modelId) {
        return switch (ModelFamily.of(modelId)) {
            case ANTHROPIC_MESSAGES -> new BedrockChatModel(client, modelId, ModelPayload.ANTHROPIC_MESSAGES);
            case MISTRAL_INSTRUCT -> new BedrockChatModel(client, modelId, ModelPayload.MISTRAL_INSTRUCT);
            case CONVERSE -> new BedrockConverseChatModel(client, modelId);
        };
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        ChunkDecoder decoder = payload.newDecoder();
        if (cancellation.isCancelled()) {
            return new Completion(Completion.CANCELLED, decoder.usage());
        }
        InvokeModelWithResponseStreamRequest invoke = InvokeModelWithResponseStreamRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(payload.requestBody(request)))
                .build();
        EventStreamBridge<ResponseStream> bridge = new EventStreamBridge<>();
        InvokeModelWithResponseStreamResponseHandler handler =
                bridge.handling(InvokeModelWithResponseStreamResponseHandler.builder()).build();
        boolean completed = bridge.stream(() -> client.invokeModelWithResponseStream(invoke, handler), cancellation,
                event -> {
                    if (event instanceof PayloadPart part && part.bytes() != null) {
                        String text = decoder.accept(part.bytes().asUtf8String());
                        if (!text.isEmpty()) {
                            listener.onDelta(text);
                            return true;
                        }
                    }
                    return false;
                });
        return completed ? decoder.completion() : new Completion(Completion.CANCELLED, decoder.usage());
    }
}
