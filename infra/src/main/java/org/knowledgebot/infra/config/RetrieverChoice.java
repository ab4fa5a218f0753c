package org.knowledgebot.infra.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which retriever a stage uses and whether the app creates it or points at an existing one. */
public enum RetrieverChoice {
    /** A Bedrock knowledge base on S3 Vectors that the app creates (the default: Kendra takes no new customers). */
    KNOWLEDGE_BASE("knowledgeBase"),
    /** A Bedrock knowledge base that already exists (context key knowledgeBaseId). */
    EXISTING_KNOWLEDGE_BASE("existingKnowledgeBase"),
    /** A Kendra index that already exists (context key kendraIndexId, the seed's INDEX_ID). */
    EXISTING_KENDRA("existingKendra"),
    /** A Kendra index with an S3 data source that the app creates, for accounts that may still create one. */
    KENDRA("kendra");

    private final String configName;

    RetrieverChoice(String configName) {
        this.configName = configName;
    }

    /** The name used in stage files and context. */
    public String configName() {
        return configName;
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
