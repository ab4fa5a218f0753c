package org.knowledgebot.core.model;

import org.knowledgebot.core.port.ModelRequest;

/** The {@code InvokeModel} and {@code InvokeModelWithResponseStream} payload formats the core can speak, behind one shape. */
public enum ModelPayload {
    ANTHROPIC_MESSAGES {
        @Override
        public String requestBody(ModelRequest request) {
            return AnthropicMessagesCodec.requestBody(request);
        }

        @Override
        public ChunkDecoder newDecoder() {
            return new AnthropicMessagesCodec.StreamDecoder();
        }

        @Override
        public ChunkDecoder newResponseDecoder() {
            return new AnthropicMessagesCodec.MessageDecoder();
        }
    },
    MISTRAL_INSTRUCT {
        @Override
        public String requestBody(ModelRequest request) {
            return MistralInstructCodec.requestBody(request);
        }

        @Override
        public ChunkDecoder newDecoder() {
            return new MistralInstructCodec.StreamDecoder();
        }

        /** A whole response has the shape of one stream chunk: {@code {"outputs":[{"text","stop_reason"}]}}. */
        @Override
        public ChunkDecoder newResponseDecoder() {
            return new MistralInstructCodec.StreamDecoder();
        }
    };

    public abstract String requestBody(ModelRequest request);

    /** A fresh decoder for the chunks of one streamed invocation. */
    public abstract ChunkDecoder newDecoder();

    /** A fresh decoder for the one response body of an {@code InvokeModel} call, given to it as one chunk. */
    public abstract ChunkDecoder newResponseDecoder();
}
