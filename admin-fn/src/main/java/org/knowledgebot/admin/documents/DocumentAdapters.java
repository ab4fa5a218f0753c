package org.knowledgebot.admin.documents;

import java.time.Clock;
import java.util.Optional;
import org.knowledgebot.aws.LambdaSdkClients;
import org.knowledgebot.core.admin.AuditLog;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.documents.DocumentService;
import org.knowledgebot.core.documents.KnowledgeIndex;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.kendra.KendraClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The documents routes' adapters on AWS, from the function's settings: DOCUMENTS_BUCKET_NAME (absent: the stage's
 * documents live elsewhere and the routes are left out), DOCUMENTS_DATA_SOURCE_ID, and RETRIEVER with
 * KNOWLEDGE_BASE_ID or INDEX_ID, as chat-fn reads them.
 */
public final class DocumentAdapters {
    private DocumentAdapters() {
    }

    public static Optional<DocumentService> fromEnvironment(Environment environment, AuditLog audit, Clock clock) {
        Optional<String> bucket = environment.optional("DOCUMENTS_BUCKET_NAME");
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        S3Client s3 = LambdaSdkClients.configure(S3Client.builder(), environment).build();
        S3Presigner presigner = S3Presigner.builder().region(Region.of(environment.required("AWS_REGION")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        String dataSourceId = environment.required("DOCUMENTS_DATA_SOURCE_ID");
        String retriever = environment.string("RETRIEVER", "kendra");
        KnowledgeIndex index = switch (retriever) {
            case "knowledgeBase" -> new KnowledgeBaseIndex(
                    LambdaSdkClients.configure(BedrockAgentClient.builder(), environment).build(),
                    environment.required("KNOWLEDGE_BASE_ID"), dataSourceId, bucket.get());
            case "kendra" -> new KendraIndex(LambdaSdkClients.configure(KendraClient.builder(), environment).build(),
                    environment.required("INDEX_ID"), dataSourceId, bucket.get(), clock);
            default -> throw new ConfigurationException("RETRIEVER must be kendra or knowledgeBase, not " + retriever);
        };
        return Optional.of(new DocumentService(new S3DocumentStore(s3, presigner, bucket.get()), index, audit));
    }
}
