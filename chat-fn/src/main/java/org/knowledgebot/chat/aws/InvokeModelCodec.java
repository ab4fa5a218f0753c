package org.knowledgebot.chat.aws;

import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.model.AnthropicMessagesCodec;
import org.knowledgebot.core.model.MistralInstructCodec;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelRequest;

/** Adapts shared-core's payload codecs to one shape, so {@link BedrockChatModel} streams either family. */
interface InvokeModelCodec {
    String requestBody(ModelRequest request);

    ChunkDecoder newDecoder();

    /** Decodes the chunks of one streamed invocation, in order. */
    interface ChunkDecoder {
        /** The text of one chunk, {@code ""} when it has none. */
        String accept(String chunkJson);

        Completion completion();

        Usage usage();
    }

    InvokeModelCodec ANTHROPIC_MESSAGES = new InvokeModelCodec() {
        @Override
        public String requestBody(ModelRequest request) {
            return AnthropicMessagesCodec.requestBody(request);
        }

        @Override
        public ChunkDecoder newDecoder() {
            AnthropicMessagesCodec.StreamDecoder decoder = new AnthropicMessagesCodec.StreamDecoder();
            return new ChunkDecoder() {
                @Override
                public String accept(String chunkJson) {
                    return decoder.accept(chunkJson);
                }

                @Override
                public Completion completion() {
                    return decoder.completion();
                }

                @Override
                public Usage usage() {
                    return decoder.usage();
                }
            };
        }
    };

    InvokeModelCodec MISTRAL_INSTRUCT = new InvokeModelCodec() {
        @Override
        public String requestBody(ModelRequest request) {
            return MistralInstructCodec.requestBody(request);
        }

        @Override
        public ChunkDecoder newDecoder() {
            MistralInstructCodec.StreamDecoder decoder = new MistralInstructCodec.StreamDecoder();
            return new ChunkDecoder() {
                @Override
                public String accept(String chunkJson) {
                    return decoder.accept(chunkJson);
                }

                @Override
                public Completion completion() {
                    return decoder.completion();
                }

                @Override
                public Usage usage() {
                    return decoder.usage();
                }
            };
        }
    };
}
