package org.knowledgebot.core.model;

import org.knowledgebot.core.port.ModelRequest;

/** The {@code InvokeModelWithResponseStream} payload formats the core can speak, behind one shape. */
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
    };

    public abstract String requestBody(ModelRequest request);

    /** A fresh decoder for one invocation. */
    public abstract ChunkDecoder newDecoder();
}
