package org.knowledgebot.chat.aws;

import java.util.concurrent.CompletableFuture;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * A Bedrock model streamed through {@code InvokeModelWithResponseStream} with shared-core's payload codec of
 * its family (Anthropic Messages or Mistral instruct). Blocks the calling thread until the answer is done;
 * cancelling stops the HTTP stream at once. Use {@link #forModel} to get the right adapter for any model id.
 */
public final class BedrockChatModel implements ChatModel {
    private final BedrockRuntimeAsyncClient client;
    private final String modelId;
    private final InvokeModelCodec codec;

    BedrockChatModel(BedrockRuntimeAsyncClient client, String modelId, InvokeModelCodec codec) {
        this.client = client;
        this.modelId = modelId;
        this.codec = codec;
    }

    /** The adapter for {@code modelId}: InvokeModel with a codec for Claude and Mistral, ConverseStream otherwise. */
    public static ChatModel forModel(BedrockRuntimeAsyncClient client, String modelId) {
        return switch (ModelFamily.of(modelId)) {
            case ANTHROPIC_MESSAGES -> new BedrockChatModel(client, modelId, InvokeModelCodec.ANTHROPIC_MESSAGES);
            case MISTRAL_INSTRUCT -> new BedrockChatModel(client, modelId, InvokeModelCodec.MISTRAL_INSTRUCT);
            case CONVERSE -> new BedrockConverseChatModel(client, modelId);
        };
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        InvokeModelCodec.ChunkDecoder decoder = codec.newDecoder();
        if (cancellation.isCancelled()) {
            return new Completion(Completion.CANCELLED, decoder.usage());
        }
        InvokeModelWithResponseStreamRequest invoke = InvokeModelWithResponseStreamRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(codec.requestBody(request)))
                .build();
        EventStreamBridge<ResponseStream> bridge = new EventStreamBridge<>();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .onEventStream(events -> events.subscribe(bridge))
                .onError(bridge::fail)
                .build();
        CompletableFuture<Void> call;
        try {
            call = client.invokeModelWithResponseStream(invoke, handler);
        } catch (SdkException e) {
            throw BedrockErrors.toModelException(e);
        }
        call.whenComplete((ignored, error) -> {
            if (error != null) {
                bridge.fail(error);
            }
        });
        cancellation.onCancel(bridge::cancel);
        boolean completed = bridge.drain(event -> {
            if (event instanceof PayloadPart part && part.bytes() != null) {
                String text = decoder.accept(part.bytes().asUtf8String());
                if (!text.isEmpty()) {
                    listener.onDelta(text);
                }
            }
        }, call);
        return completed ? decoder.completion() : new Completion(Completion.CANCELLED, decoder.usage());
    }
}
