package org.knowledgebot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.RetrieverSettings.Kind;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.domain.Confidence;

class ChatFunctionConfigTest {
    private final Map<String, String> env = new HashMap<>(Map.of(
            "WEBSOCKET_API_ENDPOINT", "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod",
            "PROMPT_DATA_BUCKET_NAME", "chatbot-prompts-prod",
            "SESSION_HANDLER", "chatbot-prod-session",
            "INDEX_ID", "6d3c1a2b-4e5f-4a7b-8c9d-0e1f2a3b4c5d"));

    @Test
    void theSeedVariablesAloneGiveTheDocumentedDefaults() {
        // when
        ChatFunctionConfig config = ChatFunctionConfig.from(new Environment(env));

        // then
        assertThat(config.websocketApiEndpoint())
                .isEqualTo(URI.create("https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod"));
        assertThat(config.promptKey()).isEqualTo("system-prompt.txt");
        assertThat(config.promptCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.retrieval().kind()).isEqualTo(Kind.KENDRA);
        assertThat(config.retrieval().pageSize()).isEqualTo(12);
        assertThat(config.retrieval().kendraLanguageCode()).isEmpty();
        assertThat(config.retrieval().knowledgeBaseBuckets().bucket(0.55)).isEqualTo(Confidence.HIGH);
        assertThat(config.models().rewriteModelId()).isEqualTo("mistral.mistral-7b-instruct-v0:2");
        assertThat(config.models().answerModelIds()).containsExactly(
                Map.entry("default", "anthropic.claude-3-5-sonnet-20240620-v1:0"));
    }

    @Test
    void everyMissingRequiredVariableIsNamed() {
        for (String name : new String[] {"WEBSOCKET_API_ENDPOINT", "PROMPT_DATA_BUCKET_NAME", "SESSION_HANDLER", "INDEX_ID"}) {
            // given
            Map<String, String> incomplete = new HashMap<>(env);
            incomplete.remove(name);

            // when / then
            assertThatThrownBy(() -> ChatFunctionConfig.from(new Environment(incomplete)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("missing required environment variable " + name);
        }
    }

    @Test
    void aKnowledgeBaseStageNeedsItsIdButNoKendraIndex() {
        // given
        env.remove("INDEX_ID");
        env.put("RETRIEVER", "knowledgeBase");

        // when / then
        assertThatThrownBy(() -> ChatFunctionConfig.from(new Environment(env)))
                .hasMessage("missing required environment variable KNOWLEDGE_BASE_ID");
        env.put("KNOWLEDGE_BASE_ID", "KBX7Q2M4ZP");
        assertThat(ChatFunctionConfig.from(new Environment(env)).retrieval().kind()).isEqualTo(Kind.KNOWLEDGE_BASE);
    }

    @Test
    void answerModelAliasesComeBesideTheDefault() {
        // given
        env.put("ANSWER_MODEL_ID", "us.anthropic.claude-3-5-sonnet-20241022-v2:0");
        env.put("ANSWER_MODELS", "haiku=us.anthropic.claude-3-5-haiku-20241022-v1:0, llama=meta.llama3-1-70b-instruct-v1:0");

        // when
        ChatFunctionConfig config = ChatFunctionConfig.from(new Environment(env));

        // then
        assertThat(config.models().answerModelIds()).containsOnly(
                Map.entry("default", "us.anthropic.claude-3-5-sonnet-20241022-v2:0"),
                Map.entry("haiku", "us.anthropic.claude-3-5-haiku-20241022-v1:0"),
                Map.entry("llama", "meta.llama3-1-70b-instruct-v1:0"));
    }

    @Test
    void invalidValuesNameTheirVariable() {
        assertThatThrownBy(() -> ChatFunctionConfig.from(new Environment(with("ANSWER_MODELS", "haiku"))))
                .hasMessageContaining("ANSWER_MODELS");
        assertThatThrownBy(() -> ChatFunctionConfig.from(new Environment(with("WEBSOCKET_API_ENDPOINT", "not a url"))))
                .hasMessageContaining("WEBSOCKET_API_ENDPOINT");
        assertThatThrownBy(() -> ChatFunctionConfig.from(new Environment(with("RETRIEVER", "elasticsearch"))))
                .hasMessageContaining("RETRIEVER");
        assertThatThrownBy(() -> ChatFunctionConfig.from(new Environment(with("PAGE_SIZE", "0"))))
                .hasMessageContaining("PAGE_SIZE");
        assertThatThrownBy(() -> ChatFunctionConfig.from(new Environment(with("KB_CONFIDENCE_THRESHOLDS", "high"))))
                .hasMessageContaining("KB_CONFIDENCE_THRESHOLDS");
    }

    private Map<String, String> with(String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        changed.put(name, value);
        return changed;
    }
}
