package org.knowledgebot.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageConfigLoaderTest {

    private static final Path FIXTURE_STAGES = Path.of("src/test/resources/stages");
    private static final Path REPOSITORY_STAGES = Path.of("stages");

    @Test
    void aStageWithoutFileOrContextGetsTheDocumentedDefaults() {
        // given
        Map<String, Object> context = Map.of();

        // when
        StageConfig config = StageConfigLoader.load("sandbox", FIXTURE_STAGES, context::get);

        // then
        assertThat(config.retriever()).isEqualTo(RetrieverChoice.KNOWLEDGE_BASE);
        assertThat(config.account()).isEmpty();
        assertThat(config.region()).isEmpty();
        assertThat(config.answerModelId()).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1:0");
        assertThat(config.rewriteModelId()).isEqualTo("mistral.mistral-7b-instruct-v0:2");
        assertThat(config.embeddingModelId()).isEqualTo("amazon.titan-embed-text-v2:0");
        assertThat(config.embeddingDimension()).isEqualTo(1024);
        assertThat(config.minConfidence()).isEqualTo("MEDIUM");
        assertThat(config.retainData()).isFalse();
        assertThat(config.allowClientSystemPrompt()).isFalse();
        assertThat(config.retrievalFailureMode()).isEqualTo("continue");
        assertThat(config.chatTimeoutSeconds()).isEqualTo(600);
        assertThat(config.userMessagesPerMinute()).isEqualTo(20);
        assertThat(config.userDailyTokens()).isEqualTo(200_000);
        assertThat(config.invokedModelIds()).containsExactly("anthropic.claude-3-5-sonnet-20240620-v1:0", "mistral.mistral-7b-instruct-v0:2");
    }

    @Test
    void theStageFileOverridesDefaultsAndContextOverridesTheFile() {
        // given
        Map<String, Object> context = Map.of("logRetentionDays", "90", "alarmEmail", "ops@example.com");

        // when
        StageConfig config = StageConfigLoader.load("qa", FIXTURE_STAGES, context::get);

        // then
        assertThat(config.retriever()).isEqualTo(RetrieverChoice.EXISTING_KENDRA);
        assertThat(config.kendraIndexId()).contains("11111111-2222-4333-8444-555555555555");
        assertThat(config.allowedOrigins()).containsExactly("https://qa.example.com", "https://intranet.example.com");
        assertThat(config.logRetentionDays()).isEqualTo(90);
        assertThat(config.alarmEmail()).contains("ops@example.com");
        assertThat(config.answerModelsSetting())
                .isEqualTo("sonnet=anthropic.claude-3-5-sonnet-20240620-v1:0,haiku=us.anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(config.invokedModelIds()).containsExactly("anthropic.claude-3-5-sonnet-20240620-v1:0",
                "us.anthropic.claude-3-haiku-20240307-v1:0", "mistral.mistral-7b-instruct-v0:2");
        assertThat(config.modelPrices())
                .contains("{\"us.anthropic.claude-3-haiku-20240307-v1:0\":{\"input\":3.0E-4,\"output\":0.0015}}");
    }

    @Test
    void prodRetainsDataByDefaultAndARemovalPolicyOverridesThat() {
        // given
        Map<String, Object> noContext = Map.of();
        Map<String, Object> destroy = Map.of("removalPolicy", "destroy");

        // when
        StageConfig prod = StageConfigLoader.load("prod", FIXTURE_STAGES, noContext::get);
        StageConfig prodDestroying = StageConfigLoader.load("prod", FIXTURE_STAGES, destroy::get);

        // then
        assertThat(prod.retainData()).isTrue();
        assertThat(prodDestroying.retainData()).isFalse();
    }

    @Test
    void theRepositoryStageFilesAreValid() {
        // given
        Map<String, Object> noContext = Map.of();

        // when
        StageConfig dev = StageConfigLoader.load("dev", REPOSITORY_STAGES, noContext::get);
        StageConfig prod = StageConfigLoader.load("prod", REPOSITORY_STAGES, noContext::get);

        // then
        assertThat(dev.retainData()).isFalse();
        assertThat(dev.logRetentionDays()).isEqualTo(14);
        assertThat(prod.retainData()).isTrue();
        assertThat(prod.logRetentionDays()).isEqualTo(365);
        assertThat(List.of(dev.retriever(), prod.retriever())).containsOnly(RetrieverChoice.KNOWLEDGE_BASE);
    }

    @Test
    void commandLineListsAndAccountAndRegionAreRead() {
        // given
        Map<String, Object> context = Map.of("allowedOrigins", "https://a.example.com, https://b.example.com",
                "account", "123456789012", "region", "eu-west-1", "allowClientSystemPrompt", "true");

        // when
        StageConfig config = StageConfigLoader.load("sandbox", FIXTURE_STAGES, context::get);

        // then
        assertThat(config.allowedOrigins()).containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(config.account()).isEqualTo(Optional.of("123456789012"));
        assertThat(config.region()).isEqualTo(Optional.of("eu-west-1"));
        assertThat(config.allowClientSystemPrompt()).isTrue();
    }

    @Test
    void aTypoInAStageFileIsRejectedNamingTheKey() {
        // given
        Map<String, Object> noContext = Map.of();

        // when / then
        assertThatThrownBy(() -> StageConfigLoader.load("typo", FIXTURE_STAGES, noContext::get))
                .isInstanceOf(StageConfigException.class)
                .hasMessageContaining("unknown keys [retriver]");
    }

    @Test
    void invalidSettingsAreRejectedWithAMessageThatSaysWhatIsExpected() {
        // given
        Map<String, Object> existingKendraWithoutIndex = Map.of("retriever", "existingKendra");
        Map<String, Object> existingKbWithoutId = Map.of("retriever", "existingKnowledgeBase");
        Map<String, Object> unknownRetriever = Map.of("retriever", "opensearch");
        Map<String, Object> badConfidence = Map.of("minConfidence", "SOMEWHAT");
        Map<String, Object> shortTimeout = Map.of("chatTimeoutSeconds", "60");
        Map<String, Object> badAliases = Map.of("answerModels", "sonnet");
        Map<String, Object> halfImportedPool = Map.of("userPoolId", "eu-west-1_abc");

        // when / then
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, existingKendraWithoutIndex::get))
                .hasMessageContaining("needs kendraIndexId");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, existingKbWithoutId::get))
                .hasMessageContaining("needs knowledgeBaseId");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, unknownRetriever::get))
                .hasMessageContaining("knowledgeBase, existingKnowledgeBase, existingKendra, kendra").hasMessageContaining("'opensearch'");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, badConfidence::get))
                .hasMessageContaining("minConfidence must be one of");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, shortTimeout::get))
                .hasMessageContaining("chatTimeoutSeconds must be at least 300");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, Map.<String, Object>of("userDailyTokens", "-1")::get))
                .hasMessageContaining("userDailyTokens must be at least 0");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, badAliases::get))
                .hasMessageContaining("alias=modelId");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, Map.<String, Object>of("modelPrices", "{\"m\":3}")::get))
                .hasMessageContaining("modelPrices must map model ids to USD per 1,000 tokens");
        assertThatThrownBy(() -> StageConfigLoader.load("s", FIXTURE_STAGES, halfImportedPool::get))
                .hasMessageContaining("userPoolId, userPoolClientId and cognitoDomainUrl");
        assertThatThrownBy(() -> StageConfigLoader.load("Prod_1", FIXTURE_STAGES, Map.<String, Object>of()::get))
                .hasMessageContaining("-c stage=<name>");
    }
}
