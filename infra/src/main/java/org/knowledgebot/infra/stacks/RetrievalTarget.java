package org.knowledgebot.infra.stacks;

import java.util.List;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What chat-fn needs to retrieve passages: its RETRIEVER setting, the id variable it reads (INDEX_ID or
 * KNOWLEDGE_BASE_ID) with its value, and the one IAM action on the one resource it may call.
 */
public record RetrievalTarget(String retrieverSetting, String idVariable, String id, String action, String resourceArn) {

    public static RetrievalTarget kendra(String indexId, String indexArn) {
        return new RetrievalTarget("kendra", "INDEX_ID", indexId, "kendra:Retrieve", indexArn);
    }

    public static RetrievalTarget knowledgeBase(String knowledgeBaseId, String knowledgeBaseArn) {
        return new RetrievalTarget("knowledgeBase", "KNOWLEDGE_BASE_ID", knowledgeBaseId, "bedrock:Retrieve", knowledgeBaseArn);
    }

    public PolicyStatement permission() {
        return PolicyStatement.Builder.create()
                .actions(List.of(action))
                .resources(List.of(resourceArn))
                .build();
    }
}
