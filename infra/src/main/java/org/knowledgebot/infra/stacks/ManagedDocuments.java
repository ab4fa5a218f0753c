package org.knowledgebot.infra.stacks;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * What the admin function needs to manage a stage's documents (only when the app creates the retriever): the
 * documents bucket, the settings naming the index and its data source, and the index actions on those two only.
 */
public record ManagedDocuments(IBucket bucket, Map<String, String> environment, List<PolicyStatement> indexPermissions) {

    public static ManagedDocuments knowledgeBase(IBucket bucket, String knowledgeBaseId, String knowledgeBaseArn,
                                                 String dataSourceId) {
        return new ManagedDocuments(bucket, Map.of("RETRIEVER", "knowledgeBase", "KNOWLEDGE_BASE_ID", knowledgeBaseId,
                "DOCUMENTS_DATA_SOURCE_ID", dataSourceId), List.of(PolicyStatement.Builder.create()
                .actions(List.of("bedrock:ListKnowledgeBaseDocuments", "bedrock:ListIngestionJobs",
                        "bedrock:GetIngestionJob", "bedrock:StartIngestionJob"))
                .resources(List.of(knowledgeBaseArn))
                .build()));
    }

    public static ManagedDocuments kendra(IBucket bucket, String indexId, String indexArn, String dataSourceId) {
        return new ManagedDocuments(bucket, Map.of("RETRIEVER", "kendra", "INDEX_ID", indexId,
                "DOCUMENTS_DATA_SOURCE_ID", dataSourceId), List.of(
                PolicyStatement.Builder.create()
                        .actions(List.of("kendra:BatchGetDocumentStatus"))
                        .resources(List.of(indexArn))
                        .build(),
                PolicyStatement.Builder.create()
                        .actions(List.of("kendra:ListDataSourceSyncJobs", "kendra:StartDataSourceSyncJob"))
                        .resources(List.of(indexArn + "/data-source/" + dataSourceId))
                        .build()));
    }
}
