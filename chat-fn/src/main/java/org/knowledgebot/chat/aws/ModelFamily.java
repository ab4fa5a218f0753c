package org.knowledgebot.chat.aws;

import java.util.Locale;

/**
 * Which API and payload a Bedrock model id speaks. Ids may carry a cross-region inference profile prefix
 * ({@code us.}, {@code eu.}, {@code apac.}, {@code global.}) or be a full ARN; only the model name matters.
 */
enum ModelFamily {
    /** Claude: Anthropic Messages through InvokeModelWithResponseStream. */
    ANTHROPIC_MESSAGES,
    /** Mistral's instruct-format models (7B, Mixtral, Large/Small 2402) through InvokeModelWithResponseStream. */
    MISTRAL_INSTRUCT,
    /** Any other chat model: the model-agnostic ConverseStream API. */
    CONVERSE;

    static ModelFamily of(String modelId) {
        String name = modelId.substring(modelId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                .replaceFirst("^(us|eu|apac|global|us-gov|ca|jp|au)\\.", "");
        if (name.startsWith("anthropic.")) {
            return ANTHROPIC_MESSAGES;
        }
        if (name.startsWith("mistral.") && (name.contains("instruct") || name.contains("-2402-"))) {
            return MISTRAL_INSTRUCT;
        }
        return CONVERSE;
    }
}
