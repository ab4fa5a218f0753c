package org.knowledgebot.local.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.local.OpenAiStub;

/** {@code ./chatbot eval --model=openai ...}: the runtime flags reach the in-process runtime and its answers are scored. */
class EvalCommandTest {
    @Test
    void evaluatesAnOpenAiCompatibleModelThroughTheFlagsItPassesToTheRuntime(@TempDir Path dir) throws Exception {
        // given
        OpenAiStub stub = OpenAiStub.answering("A resident vehicle permit costs ", "$45 per year [1].");
        Path questions = dir.resolve("questions.json");
        Files.writeString(questions, "{\"cases\":["
                + "{\"id\":\"d1\",\"kind\":\"direct\",\"turns\":[\"How much is a resident vehicle parking permit?\"],"
                + "\"documents\":[\"parking-permits.md\"],\"facts\":[\"$45\"]},"
                + "{\"id\":\"o1\",\"kind\":\"out-of-scope\",\"turns\":[\"Which hospital has the shortest emergency room wait?\"],"
                + "\"documents\":[],\"facts\":[]}]}");
        Path out = dir.resolve("eval.json");

        // when
        try {
            EvalCommand.main(new String[] {"--questions=" + questions, "--out=" + out, "--model=openai",
                    "--openai-base-url=" + stub.baseUrl(), "--openai-model=tiny",
                    "--knowledge=" + Path.of("..", "knowledge").toAbsolutePath().normalize(), "--data=" + dir.resolve("data")});
        } finally {
            stub.close();
        }

        // then
        JsonNode cases = new ObjectMapper().readTree(Files.readString(out)).path("cases");
        assertThat(cases).hasSize(2);
        JsonNode direct = cases.get(0);
        assertThat(direct.path("answer").asText()).isEqualTo("A resident vehicle permit costs $45 per year [1].");
        assertThat(direct.path("hitAt1").asBoolean()).isTrue();
        assertThat(direct.path("keyFact").asBoolean()).isTrue();
        assertThat(direct.path("sources")).singleElement().satisfies(uri -> assertThat(uri.asText()).endsWith("/parking-permits.md"));
        assertThat(cases.get(1).path("sources")).as("the retriever abstains whatever the model says").isEmpty();
        assertThat(stub.requests()).isNotEmpty().allSatisfy(request -> assertThat(request).contains("\"model\":\"tiny\""));
    }
}
