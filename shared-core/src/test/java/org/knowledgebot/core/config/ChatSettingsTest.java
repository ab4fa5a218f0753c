package org.knowledgebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;

class ChatSettingsTest {

    @Test
    void defaultsMatchTheDesign() {
        // when
        ChatSettings settings = ChatSettings.from(new Environment(Map.of()));

        // then
        assertThat(settings).isEqualTo(new ChatSettings(Confidence.MEDIUM, 5, 12_000, 3, 4_000, 2_048, 0.1,
                ChatSettings.RetrievalFailureMode.CONTINUE, false, ChatSettings.DEFAULT_COALESCE_MIN_CHARS,
                ChatSettings.DEFAULT_COALESCE_MAX_MILLIS, "local", ChatSettings.DEFAULT_MAX_SOURCES, "", 3));
    }

    @Test
    void readsEveryVariable() {
        // given
        Environment env = new Environment(Map.ofEntries(Map.entry("MIN_CONFIDENCE", "high"),
                Map.entry("HISTORY_TURNS", "3"), Map.entry("HISTORY_CHAR_BUDGET", "500"),
                Map.entry("REWRITE_HISTORY_TURNS", "2"), Map.entry("MAX_USER_MESSAGE_CHARS", "100"),
                Map.entry("ANSWER_MAX_TOKENS", "512"), Map.entry("ANSWER_TEMPERATURE", "0.5"),
                Map.entry("RETRIEVAL_FAILURE_MODE", "fail"), Map.entry("ALLOW_CLIENT_SYSTEM_PROMPT", "true"),
                Map.entry("COALESCE_MIN_CHARS", "20"), Map.entry("COALESCE_MAX_MILLIS", "50"),
                Map.entry("STAGE", "prod"), Map.entry("MAX_SOURCES", "3"),
                Map.entry("NO_ANSWER_CONTACT", " call 311 or write to info@riverton.gov "),
                Map.entry("QUESTION_PARTS", "1")));

        // when
        ChatSettings settings = ChatSettings.from(env);

        // then
        assertThat(settings).isEqualTo(new ChatSettings(Confidence.HIGH, 3, 500, 2, 100, 512, 0.5,
                ChatSettings.RetrievalFailureMode.FAIL, true, 20, 50, "prod", 3, "call 311 or write to info@riverton.gov", 1));
    }

    @Test
    void anInvalidValueNamesItsVariable() {
        // when / then
        assertThatThrownBy(() -> ChatSettings.from(new Environment(Map.of("MIN_CONFIDENCE", "SOMEWHAT"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MIN_CONFIDENCE")
                .hasMessageContaining("SOMEWHAT");
        assertThatThrownBy(() -> ChatSettings.from(new Environment(Map.of("HISTORY_TURNS", "-1"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("HISTORY_TURNS");
        assertThatThrownBy(() -> ChatSettings.from(new Environment(Map.of("RETRIEVAL_FAILURE_MODE", "explode"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RETRIEVAL_FAILURE_MODE");
    }
}
