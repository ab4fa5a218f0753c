package org.knowledgebot.infra.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that differs between two deployments of the chatbot. Built by {@link StageConfigLoader} from
 * defaults, the stage file {@code infra/stages/<stage>.json} and {@code -c key=value} context, in that order.
 */
public record StageConfig(
        String stage,
        Optional<String> account,
        Optional<String> region,
        String answerModelId,
        String rewriteModelId,
        Map<String, String> answerModels,
        RetrieverChoice retriever,
        Optional<String> knowledgeBaseId,
        Optional<String> kendraIndexId,
        String kendraEdition,
        String embeddingModelId,
        int embeddingDimension,
        String minConfidence,
        int pageSize,
        Optional<String> kendraLanguageCode,
        List<String> allowedOrigins,
        int logRetentionDays,
        Optional<String> alarmEmail,
        boolean retainData,
        boolean allowClientSystemPrompt,
        String retrievalFailureMode,
        Optional<ImportedUserPool> importedUserPool,
        Optional<String> cognitoDomainPrefix,
        int apiRateLimit,
        int apiBurstLimit,
        int chatMemoryMb,
        int chatTimeoutSeconds,
        int chatP99AlarmSeconds,
        int userMessagesPerMinute,
        int userDailyTokens,
        Optional<String> modelPrices) {

    /** A user pool that exists already; the app then creates no pool, domain or client. */
    public record ImportedUserPool(String userPoolId, String clientId, String cognitoDomainUrl) {
    }

    /** Every Bedrock model id the chat function may invoke: the answer models and the rewrite model. */
    public Set<String> invokedModelIds() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(answerModelId);
        ids.addAll(answerModels.values());
        ids.add(rewriteModelId);
        return ids;
    }

    /** ANSWER_MODELS as chat-fn reads it: {@code alias=modelId,alias=modelId}. */
    public String answerModelsSetting() {
        StringBuilder setting = new StringBuilder();
        new LinkedHashMap<>(answerModels).forEach((alias, id) -> {
            if (setting.length() > 0) {
                setting.append(',');
            }
            setting.append(alias).append('=').append(id);
        });
        return setting.toString();
    }

    /** Prefix for physical names that must be unique per account, e.g. {@code knowledgebot-dev}. */
    public String resourcePrefix() {
        return "knowledgebot-" + stage;
    }
}
