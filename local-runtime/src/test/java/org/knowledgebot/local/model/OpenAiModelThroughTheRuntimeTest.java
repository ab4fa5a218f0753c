package org.knowledgebot.local.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.local.OpenAiStub;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.gateway.WsClient;

/** --model=openai: the answer streams from an OpenAI-compatible server (a local stub) through the whole runtime. */
class OpenAiModelThroughTheRuntimeTest {
    @Test
    void anAnswerStreamsFromTheConfiguredEndpointWithTheRetrievedKnowledgeInTheSystemPrompt(@TempDir Path data) throws Exception {
        // given
        try (OpenAiStub stub = OpenAiStub.answering("A permit costs ", "45 euros.");
             RunningChatbot chatbot = RunningChatbot.start(data, Map.of("LOCAL_MODEL", "openai",
                     "OPENAI_BASE_URL", stub.baseUrl(), "OPENAI_MODEL", "tiny"));
             WsClient client = chatbot.connect()) {

            // when
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"o-1\",\"message\":\"How much is a residential parking permit?\"}");
            List<String> frames = client.until(frame -> frame.contains("\"type\":\"end\"") || frame.contains("\"type\":\"error\""));

            // then
            String answer = frames.stream().filter(frame -> frame.contains("\"type\":\"token\""))
                    .map(frame -> frame.replaceAll(".*\"text\":\"(.*)\".*", "$1")).collect(Collectors.joining());
            assertThat(answer).isEqualTo("A permit costs 45 euros.");
            assertThat(frames.get(frames.size() - 1)).contains("\"stopReason\":\"end_turn\"");
            assertThat(stub.requests()).anySatisfy(request -> assertThat(request)
                    .contains("\"model\":\"tiny\"", "\"stream\":true", "Knowledge:\\n[1] ", "costs 45 euros"));
        }
    }
}
