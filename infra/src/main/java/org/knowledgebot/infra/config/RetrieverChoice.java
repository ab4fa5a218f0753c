package org.knowledgebot.infra.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which retriever a stage uses and whether the app creates it or points at an existing one. */
public enum RetrieverChoice {
    /** A Bedrock knowledge base on S3 Vectors that the app creates (the default: Kendra takes no new customers). */
    KNOWLEDGE_BASE("knowledgeBase", "knowledgeBase"),
    /** A Bedrock knowledge base that already exists (context key knowledgeBaseId). */
    EXISTING_KNOWLEDGE_BASE("existingKnowledgeBase", "knowledgeBase"),
    /** A Kendra index that already exists (context key kendraIndexId, the seed's INDEX_ID). */
    EXISTING_KENDRA("existingKendra", "kendra"),
    /** A Kendra index with an S3 data source that the app creates, for accounts that may still create one. */
    KENDRA("kendra", "kendra");

    private final String configName;
    private final String functionSetting;

    RetrieverChoice(String configName, String functionSetting) {
        this.configName = configName;
        this.functionSetting = functionSetting;
    }

    /** The name used in stage files and context. */
    public String configName() {
        return configName;
    }

    /** The value of chat-fn's RETRIEVER variable. */
    public String functionSetting() {
        return functionSetting;
    }

    /** True when the app creates the retriever (and its documents bucket) rather than naming an existing one. */
    public boolean createdByApp() {
        return this == KNOWLEDGE_BASE || this == KENDRA;
    }

    public static RetrieverChoice fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(choice -> choice.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new StageConfigException("retriever must be one of "
                        + Arrays.stream(values()).map(RetrieverChoice::configName).collect(Collectors.joining(", "))
                        + " but was '" + name + "'"));
    }
}
