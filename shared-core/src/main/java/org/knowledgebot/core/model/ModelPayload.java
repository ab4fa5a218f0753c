package org.knowledgebot.core.model;

import java.util.function.Function;
import java.util.function.Supplier;
import org.knowledgebot.core.port.ModelRequest;

/** The {@code InvokeModel} and {@code InvokeModelWithResponseStream} payload formats the core can speak, behind one shape. */
public enum ModelPayload {
    ANTHROPIC_MESSAGES(AnthropicMessagesCodec::requestBody, AnthropicMessagesCodec.StreamDecoder::new,
            AnthropicMessagesCodec.MessageDecoder::new),
    /** A whole response has the shape of one stream chunk: {@code {"outputs":[{"text","stop_reason"}]}}. */
    MISTRAL_INSTRUCT(MistralInstructCodec::requestBody, MistralInstructCodec.StreamDecoder::new,
            MistralInstructCodec.StreamDecoder::new);

    private final Function<ModelRequest, String> requestBody;
    private final Supplier<ChunkDecoder> streamDecoder;
    private final Supplier<ChunkDecoder> responseDecoder;

    ModelPayload(Function<ModelRequest, String> requestBody, Supplier<ChunkDecoder> streamDecoder,
                 Supplier<ChunkDecoder> responseDecoder) {
        this.requestBody = requestBody;
        this.streamDecoder = streamDecoder;
        this.responseDecoder = responseDecoder;
    }

    public String requestBody(ModelRequest request) {
        return requestBody.apply(request);
    }

    /** A fresh decoder for the chunks of one streamed invocation. */
    public ChunkDecoder newDecoder() {
        return streamDecoder.get();
    }

    /** A fresh decoder for the one response body of an {@code InvokeModel} call, given to it as one chunk. */
    public ChunkDecoder newResponseDecoder() {
        return responseDecoder.get();
    }
}
