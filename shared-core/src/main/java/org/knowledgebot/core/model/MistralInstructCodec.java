package org.knowledgebot.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelRequest;

/**
 * Mistral instruct models on Bedrock (docs/PROTOCOLS.md, "Model payloads"): the prompt
 * {@code <s>[INST] {system} [/INST]} then {@code [INST] {user} [/INST]{answer}} per turn then
 * {@code </s>[INST] {question} [/INST]}, the request body and a decoder for the stream chunks
 * {@code {"outputs":[{"text","stop_reason"}]}}.
 */
public final class MistralInstructCodec {
    private MistralInstructCodec() {
    }

    public static String prompt(ModelRequest request) {
        List<ChatMessage> messages = request.messages();
        StringBuilder prompt = new StringBuilder("<s>");
        if (!request.system().isBlank()) {
            prompt.append("[INST] ").append(request.system()).append(" [/INST]");
        }
        int last = messages.size() - 1;
        for (int i = 0; i < last; i += 2) {
            prompt.append("[INST] ").append(messages.get(i).text()).append(" [/INST]")
                    .append(messages.get(i + 1).text());
        }
        if (last >= 0) {
            prompt.append("</s>[INST] ").append(messages.get(last).text()).append(" [/INST]");
        }
        return prompt.toString();
    }

    /** {@code {"prompt","max_tokens","temperature","top_p","stop"}}; {@code top_p} only when set. */
    public static String requestBody(ModelRequest request) {
        ObjectNode body = ChunkJson.JSON.createObjectNode();
        body.put("prompt", prompt(request));
        SamplingFields.put(body, request);
        SamplingFields.putStops(body, "stop", request);
        return body.toString();
    }

    /** Decodes one streamed invocation, chunk by chunk, in order. Not thread-safe. */
    public static final class StreamDecoder extends MeteredChunkDecoder {
        private String stopReason;

        /** Reads one chunk and returns its text ({@code ""} when it has none). */
        @Override
        public String accept(String chunkJson) {
            JsonNode chunk = read(chunkJson);
            StringBuilder text = new StringBuilder();
            for (JsonNode output : chunk.path("outputs")) {
                text.append(output.path("text").asText(""));
                JsonNode reason = output.path("stop_reason");
                if (reason.isTextual()) {
                    stopReason = reason.asText();
                }
            }
            return text.toString();
        }

        /** Mistral's stop reason in the vocabulary of the typed protocol: stop → end_turn, length → max_tokens. */
        public String stopReason() {
            if (stopReason == null || "stop".equals(stopReason)) {
                return "end_turn";
            }
            return "length".equals(stopReason) ? "max_tokens" : stopReason;
        }

        @Override
        public Usage usage() {
            InvocationMetrics metrics = invocationMetrics();
            return metrics == null ? Usage.NONE : new Usage(metrics.inputTokenCount(), metrics.outputTokenCount());
        }

        @Override
        public Completion completion() {
            return new Completion(stopReason(), usage());
        }
    }
}
