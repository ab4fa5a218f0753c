package org.knowledgebot.infra.stacks;

import java.util.List;
import org.knowledgebot.infra.config.StageConfig;
import software.amazon.awscdk.Aws;
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

    /** An existing Kendra index or knowledge base of the deploying account and region, named by the stage. */
    public static RetrievalTarget existing(StageConfig config) {
        String prefix = "arn:" + Aws.PARTITION + ":";
        String accountAndRegion = Aws.REGION + ":" + Aws.ACCOUNT_ID;
        return switch (config.retriever()) {
            case EXISTING_KENDRA -> kendra(config.kendraIndexId().orElseThrow(),
                    prefix + "kendra:" + accountAndRegion + ":index/" + config.kendraIndexId().orElseThrow());
            case EXISTING_KNOWLEDGE_BASE -> knowledgeBase(config.knowledgeBaseId().orElseThrow(),
                    prefix + "bedrock:" + accountAndRegion + ":knowledge-base/" + config.knowledgeBaseId().orElseThrow());
            default -> throw new IllegalArgumentException("retriever " + config.retriever().configName() + " is created by the app");
        };
    }

    public PolicyStatement permission() {
        return PolicyStatement.Builder.create()
                .actions(List.of(action))
                .resources(List.of(resourceArn))
                .build();
    }
}
