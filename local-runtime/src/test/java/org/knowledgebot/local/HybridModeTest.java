package org.knowledgebot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.chat.aws.KendraRetriever;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.gateway.LocalConnections;
import org.knowledgebot.session.DynamoSessionStore;

/** Each embedded adapter can be swapped for the real AWS one by configuration; wiring only, no AWS call is made. */
class HybridModeTest {
    private static LocalComponent graph(Path data, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("LOCAL_DATA", data.toString());
        return DaggerLocalComponent.builder()
                .settings(LocalSettings.from(new Environment(all)))
                .connections(new LocalConnections(java.time.Clock.systemUTC()))
                .knowledgeBaseUrl("http://localhost/knowledge")
                .build();
    }

    @Test
    void kendraAndDynamoDbAreChatFnsAndSessionFnsRealAdapters(@TempDir Path data) {
        // when
        LocalComponent component = graph(data, Map.of("LOCAL_RETRIEVER", "kendra", "INDEX_ID", "0123abcd-ab12-cd34-ef56-0123456789ab",
                "LOCAL_SESSIONS", "dynamodb", "SESSIONS_TABLE_NAME", "chatbot-sessions", "AWS_REGION", "us-east-1"));

        // then
        assertThat(component.retriever()).isInstanceOf(KendraRetriever.class);
        assertThat(component.sessionStore()).isInstanceOf(DynamoSessionStore.class);
    }

    @Test
    void aMissingIdOfTheChosenServiceFailsWithItsName(@TempDir Path data) {
        // when / then
        assertThatThrownBy(() -> graph(data, Map.of("LOCAL_RETRIEVER", "kendra")).retriever())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INDEX_ID");
        assertThatThrownBy(() -> graph(data, Map.of("LOCAL_MODEL", "openai")).chatEndpoint())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OPENAI_BASE_URL");
    }
}
