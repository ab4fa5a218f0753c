package org.knowledgebot.chat.aws;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.knowledgebot.core.model.ChunkDecoder;
import org.knowledgebot.core.model.ModelPayload;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * A Bedrock model asked through {@code InvokeModel}: its whole answer comes in one response body and goes to the
 * listener as one piece. For the short answers nobody watches being written (a follow-up's standalone question, a
 * title), as the original function asks its rewrite model: one JSON body costs far less to receive than an event
 * stream of hundreds of chunks, and a continued conversation's rewrite is on the way to its first answer frame.
 * Use {@link #forModel}, which picks the payload of the model id; Converse-only models keep their streaming adapter.
 */
public record BedrockCompletionModel(BedrockRuntimeAsyncClient client, String modelId, ModelPayload payload)
        implements ChatModel {

    /** InvokeModel for Claude and Mistral instruct; the ConverseStream adapter for any other model. */
    public static ChatModel forModel(BedrockRuntimeAsyncClient client, String modelId) {
        return switch (ModelFamily.of(modelId)) {
            case ANTHROPIC_MESSAGES -> new BedrockCompletionModel(client, modelId, ModelPayload.ANTHROPIC_MESSAGES);
            case MISTRAL_INSTRUCT -> new BedrockCompletionModel(client, modelId, ModelPayload.MISTRAL_INSTRUCT);
            case CONVERSE -> BedrockChatModel.forModel(client, modelId);
        };
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        ChunkDecoder decoder = payload.newResponseDecoder();
        if (cancellation.isCancelled()) {
            return new Completion(Completion.CANCELLED, decoder.usage());
        }
        CompletableFuture<InvokeModelResponse> call;
        try {
            call = client.invokeModel(invoke -> invoke.modelId(modelId)
                    .contentType("application/json")
                    .accept("application/json")
                    .body(SdkBytes.fromUtf8String(payload.requestBody(request))));
        } catch (SdkException e) {
            throw BedrockErrors.toModelException(e);
        }
        cancellation.onCancel(() -> call.cancel(true));
        InvokeModelResponse response;
        try {
            response = call.join();
        } catch (CancellationException e) {
            return new Completion(Completion.CANCELLED, decoder.usage());
        } catch (CompletionException e) {
            throw BedrockErrors.toModelException(e);
        }
        String text = decoder.accept(response.body() == null ? "" : response.body().asUtf8String());
        if (!text.isEmpty()) {
            listener.onDelta(text);
        }
        return decoder.completion();
    }
}
