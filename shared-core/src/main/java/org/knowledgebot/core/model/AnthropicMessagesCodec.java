package org.knowledgebot.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;

/**
 * Anthropic Messages on Bedrock (docs/PROTOCOLS.md, "Model payloads"): the {@code InvokeModelWithResponseStream} request body and
 * a decoder for the JSON chunks of its response stream.
 */
public final class AnthropicMessagesCodec {
    public static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private AnthropicMessagesCodec() {
    }

    /**
     * {@code {"anthropic_version","system","max_tokens","temperature","messages":[...]}} plus {@code top_p} and
     * {@code stop_sequences} when set. Messages are normalized so roles alternate and the first is the user's.
     */
    public static String requestBody(ModelRequest request) {
        ObjectNode body = ChunkJson.JSON.createObjectNode();
        body.put("anthropic_version", ANTHROPIC_VERSION);
        if (!request.system().isEmpty()) {
            body.put("system", request.system());
        }
        SamplingFields.put(body, request);
        if (!request.stopSequences().isEmpty()) {
            SamplingFields.putStops(body, "stop_sequences", request);
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode item = messages.addObject();
            item.put("role", message.role().name().toLowerCase(Locale.ROOT));
            item.putArray("content").addObject().put("type", "text").put("text", message.text());
        }
        return body.toString();
    }

    /**
     * Decodes the response body of one {@code InvokeModel} call:
     * {@code {"content":[{"type":"text","text"}],"stop_reason","usage":{"input_tokens","output_tokens"}}}.
     */
    public static final class MessageDecoder extends MeteredChunkDecoder {
        private String stopReason;
        private Usage usage = Usage.NONE;

        /** The text of every text block, in order. */
        @Override
        public String accept(String responseJson) {
            JsonNode message = read(responseJson);
            StringBuilder text = new StringBuilder();
            for (JsonNode block : message.path("content")) {
                if ("text".equals(block.path("type").asText())) {
                    text.append(block.path("text").asText(""));
                }
            }
            stopReason = message.path("stop_reason").isTextual() ? message.get("stop_reason").asText() : null;
            JsonNode tokens = message.path("usage");
            usage = new Usage(tokens.path("input_tokens").asInt(0), tokens.path("output_tokens").asInt(0));
            return text.toString();
        }

        @Override
        public Usage usage() {
            return usage;
        }

        @Override
        public Completion completion() {
            return new Completion(stopReason, usage);
        }
    }

    /** Decodes one streamed invocation, chunk by chunk, in order. Not thread-safe. */
    public static final class StreamDecoder extends MeteredChunkDecoder {
        private String stopReason;
        private int inputTokens;
        private int outputTokens;
        private boolean stopped;

        /**
         * Reads one chunk and returns its text ({@code ""} for chunks without text).
         *
         * @throws ModelException for an {@code error} chunk (overload and rate limits are retryable) or a
         *     chunk that is not JSON
         */
        @Override
        public String accept(String chunkJson) {
            JsonNode chunk = read(chunkJson);
            switch (chunk.path("type").asText("")) {
                case "message_start" -> {
                    JsonNode usage = chunk.path("message").path("usage");
                    inputTokens = usage.path("input_tokens").asInt(inputTokens);
                    outputTokens = usage.path("output_tokens").asInt(outputTokens);
                }
                case "content_block_delta" -> {
                    JsonNode delta = chunk.path("delta");
                    if ("text_delta".equals(delta.path("type").asText())) {
                        return delta.path("text").asText("");
                    }
                }
                case "message_delta" -> {
                    JsonNode reason = chunk.path("delta").path("stop_reason");
                    if (reason.isTextual()) {
                        stopReason = reason.asText();
                    }
                    outputTokens = chunk.path("usage").path("output_tokens").asInt(outputTokens);
                }
                case "message_stop" -> stopped = true;
                case "error" -> throw error(chunk.path("error"));
                default -> {
                    // ping, content_block_start/stop carry nothing a text answer needs.
                }
            }
            return "";
        }

        /** True once {@code message_stop} arrived. */
        public boolean stopped() {
            return stopped;
        }

        public String stopReason() {
            return stopReason;
        }

        /** Token counts from the stream, or from Bedrock's metrics where the stream had none. */
        @Override
        public Usage usage() {
            InvocationMetrics metrics = invocationMetrics();
            int input = inputTokens > 0 || metrics == null ? inputTokens : metrics.inputTokenCount();
            int output = outputTokens > 0 || metrics == null ? outputTokens : metrics.outputTokenCount();
            return new Usage(input, output);
        }

        @Override
        public Completion completion() {
            return new Completion(stopReason, usage());
        }

        private static ModelException error(JsonNode error) {
            String type = error.path("type").asText("");
            return switch (type) {
                case "overloaded_error", "rate_limit_error" -> new ModelException(ErrorCode.THROTTLED,
                        SafeError.MODEL_BUSY.message(), true);
                case "api_error" -> new ModelException(ErrorCode.MODEL_ERROR,
                        SafeError.MODEL_FAILED.message(), true);
                default -> new ModelException(ErrorCode.MODEL_ERROR, "The model could not answer this request.",
                        false);
            };
        }
    }
}
