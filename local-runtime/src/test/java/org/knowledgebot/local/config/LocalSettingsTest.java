package org.knowledgebot.local.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ConfigurationException;

class LocalSettingsTest {
    @Test
    void defaultsRunEverythingEmbeddedOnPort8080() {
        // when
        LocalSettings settings = LocalSettings.from(new String[0], Map.of());

        // then
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.dataDir()).isEqualTo(Path.of("data"));
        assertThat(settings.knowledgeDir()).isEqualTo(Path.of("knowledge"));
        assertThat(settings.auth()).isEqualTo(LocalSettings.AuthMode.NONE);
        assertThat(settings.retriever()).isEqualTo(LocalSettings.RetrieverKind.LUCENE);
        assertThat(settings.model()).isEqualTo(LocalSettings.ModelKind.OFFLINE);
        assertThat(settings.sessions()).isEqualTo(LocalSettings.SessionsKind.SQLITE);
        assertThat(settings.offlinePace()).isEqualTo(Duration.ofMillis(15));
        assertThat(settings.knowledgeBaseUrl()).isEmpty();
    }

    @Test
    void flagsWinOverEnvironmentVariablesInBothSpellings() {
        // when
        LocalSettings settings = LocalSettings.from(
                new String[] {"--port=9090", "--auth", "local", "--retriever=knowledgeBase", "--knowledge-base-url=https://docs.example.org/kb"},
                Map.of("LOCAL_PORT", "7070", "LOCAL_PACE_MS", "0", "MIN_CONFIDENCE", "HIGH"));

        // then
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.auth()).isEqualTo(LocalSettings.AuthMode.LOCAL);
        assertThat(settings.retriever()).isEqualTo(LocalSettings.RetrieverKind.KNOWLEDGE_BASE);
        assertThat(settings.knowledgeBaseUrl()).hasValue("https://docs.example.org/kb");
        assertThat(settings.offlinePace()).isZero();
        assertThat(settings.environment().string("MIN_CONFIDENCE", "")).isEqualTo("HIGH");
    }

    @Test
    void unknownFlagsAndBadValuesFailWithAMessageNamingThem() {
        // when / then
        assertThatThrownBy(() -> LocalSettings.from(new String[] {"--prot=1"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--prot").hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalSettings.from(new String[] {"--model=gpt"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("LOCAL_MODEL");
        assertThatThrownBy(() -> LocalSettings.from(new String[] {"--port"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--port needs a value");
    }
}
