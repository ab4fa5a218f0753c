package org.knowledgebot.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.chat.aws.BedrockChatModel;
import org.knowledgebot.chat.aws.BedrockCompletionModel;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.port.ChatModel;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * The Bedrock models of a stage, read once from {@code ANSWER_MODEL_ID}, {@code ANSWER_MODELS}
 * ({@code alias=modelId,...}) and {@code REWRITE_MODEL_ID}: chat-fn's wiring, reused by the local runtime's hybrid
 * mode, so that both answer with the same defaults.
 */
public record AnswerModelSettings(String rewriteModelId, Map<String, String> answerModelIds) {
    /** The alias of ANSWER_MODEL_ID, used when a client names no model. */
    public static final String DEFAULT_MODEL_ALIAS = "default";
    static final String DEFAULT_ANSWER_MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String DEFAULT_REWRITE_MODEL = "mistral.mistral-7b-instruct-v0:2";

    public AnswerModelSettings {
        answerModelIds = Map.copyOf(answerModelIds);
    }

    public static AnswerModelSettings from(Environment env) {
        return new AnswerModelSettings(env.string("REWRITE_MODEL_ID", DEFAULT_REWRITE_MODEL), answerModels(env));
    }

    /** The answer models by alias over one streaming client; {@value #DEFAULT_MODEL_ALIAS} answers by default. */
    public AnswerModels answerModels(BedrockRuntimeAsyncClient bedrock) {
        Map<String, ChatModel> models = new LinkedHashMap<>();
        answerModelIds.forEach((alias, modelId) -> models.put(alias, BedrockChatModel.forModel(bedrock, modelId)));
        return new AnswerModels(DEFAULT_MODEL_ALIAS, models, answerModelIds);
    }

    /** The small model that rewrites follow-ups and titles sessions, asked for its whole answer at once. */
    public ChatModel rewriteModel(BedrockRuntimeAsyncClient bedrock) {
        return BedrockCompletionModel.forModel(bedrock, rewriteModelId);
    }

    /** {@value #DEFAULT_MODEL_ALIAS} = ANSWER_MODEL_ID, plus the aliases of ANSWER_MODELS ({@code alias=modelId,...}). */
    private static Map<String, String> answerModels(Environment env) {
        Map<String, String> models = new LinkedHashMap<>();
        models.put(DEFAULT_MODEL_ALIAS, env.string("ANSWER_MODEL_ID", DEFAULT_ANSWER_MODEL));
        Optional<String> extra = env.optional("ANSWER_MODELS");
        if (extra.isEmpty()) {
            return models;
        }
        for (String entry : extra.get().split(",")) {
            String[] aliasAndId = entry.split("=", 2);
            if (aliasAndId.length != 2 || aliasAndId[0].isBlank() || aliasAndId[1].isBlank()) {
                throw new ConfigurationException("invalid value '" + extra.get()
                        + "' for environment variable ANSWER_MODELS: expected alias=modelId,alias=modelId");
            }
            models.put(aliasAndId[0].trim(), aliasAndId[1].trim());
        }
        return models;
    }
}
