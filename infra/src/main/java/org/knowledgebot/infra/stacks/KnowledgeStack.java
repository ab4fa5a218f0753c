package org.knowledgebot.infra.stacks;

import java.util.List;
import java.util.Map;
import org.knowledgebot.infra.config.RetrieverChoice;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.IngestionTrigger;
import org.knowledgebot.infra.constructs.Nag;
import org.knowledgebot.infra.constructs.PrivateBuckets;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.bedrock.CfnDataSource;
import software.amazon.awscdk.services.bedrock.CfnKnowledgeBase;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kendra.CfnIndex;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3vectors.CfnVectorBucket;
import software.constructs.Construct;

/**
 * The retriever the stage creates: a Bedrock knowledge base on S3 Vectors (the default) or a Kendra index, each over
 * a documents bucket that re-indexes itself when it changes. A stage that names an existing knowledge base or index
 * has no such stack ({@link RetrievalTarget#existing}).
 */
public class KnowledgeStack extends Stack {

    /** Bedrock keeps the chunk text and its metadata with each vector; they are too large to be filterable keys. */
    static final List<String> NON_FILTERABLE_KEYS = List.of("AMAZON_BEDROCK_TEXT", "AMAZON_BEDROCK_METADATA");

    /** How cdk-nag prints "every object of the documents bucket". */
    private static final String DOCUMENT_OBJECTS = "^Resource::<Documents[0-9A-F]+\\.Arn>/\\*$";

    private final RetrievalTarget target;
    private final IngestionTrigger ingestionTrigger;
    private final ManagedDocuments managedDocuments;

    public KnowledgeStack(Construct scope, String id, StackProps props, StageConfig config, String pageUrl) {
        super(scope, id, props);
        Bucket documents = documentsBucket(config);
        // The operators' page uploads with a presigned PUT straight to the bucket: that one method, from the page only.
        documents.addCorsRule(CorsRule.builder()
                .allowedMethods(List.of(HttpMethods.PUT))
                .allowedOrigins(List.of(pageUrl))
                .allowedHeaders(List.of("content-type"))
                .maxAge(3000)
                .build());
        if (config.retriever() == RetrieverChoice.KENDRA) {
            KendraResources kendra = createKendraIndex(config, documents);
            target = RetrievalTarget.kendra(kendra.indexId(), kendra.indexArn());
            managedDocuments = ManagedDocuments.kendra(documents, kendra.indexId(), kendra.indexArn(), kendra.dataSourceId());
            ingestionTrigger = new IngestionTrigger(this, "Ingestion", documents,
                    IngestionTrigger.Target.kendra(kendra.indexId(), kendra.dataSourceId(), kendra.indexArn()),
                    config.logRetentionDays(), config.retainData());
            CfnOutput.Builder.create(this, "KendraIndexId").value(kendra.indexId()).build();
            CfnOutput.Builder.create(this, "StartIngestionCommand")
                    .value("aws kendra start-data-source-sync-job --index-id " + kendra.indexId()
                            + " --id " + kendra.dataSourceId())
                    .build();
        } else {
            KnowledgeBaseResources kb = createKnowledgeBase(config, documents);
            target = RetrievalTarget.knowledgeBase(kb.knowledgeBaseId(), kb.knowledgeBaseArn());
            managedDocuments = ManagedDocuments.knowledgeBase(documents, kb.knowledgeBaseId(), kb.knowledgeBaseArn(),
                    kb.dataSourceId());
            ingestionTrigger = new IngestionTrigger(this, "Ingestion", documents,
                    IngestionTrigger.Target.knowledgeBase(kb.knowledgeBaseId(), kb.dataSourceId(), kb.knowledgeBaseArn()),
                    config.logRetentionDays(), config.retainData());
            CfnOutput.Builder.create(this, "KnowledgeBaseId").value(kb.knowledgeBaseId()).build();
            CfnOutput.Builder.create(this, "DataSourceId").value(kb.dataSourceId()).build();
            CfnOutput.Builder.create(this, "StartIngestionCommand")
                    .value("aws bedrock-agent start-ingestion-job --knowledge-base-id " + kb.knowledgeBaseId()
                            + " --data-source-id " + kb.dataSourceId())
                    .build();
        }
        CfnOutput.Builder.create(this, "DocumentsBucketName").value(documents.getBucketName()).build();
    }

    private record KnowledgeBaseResources(String knowledgeBaseId, String knowledgeBaseArn, String dataSourceId) {
    }

    private record KendraResources(String indexId, String indexArn, String dataSourceId) {
    }

    private Bucket documentsBucket(StageConfig config) {
        Bucket accessLogs = PrivateBuckets.accessLogs(this, "AccessLogs", config.retainData(), false);
        return PrivateBuckets.create(this, "Documents", config.retainData(), accessLogs);
    }

    private KnowledgeBaseResources createKnowledgeBase(StageConfig config, Bucket documents) {
        RemovalPolicy removal = config.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        CfnVectorBucket vectorBucket = CfnVectorBucket.Builder.create(this, "Vectors").build();
        vectorBucket.applyRemovalPolicy(removal);
        software.amazon.awscdk.services.s3vectors.CfnIndex vectorIndex =
                software.amazon.awscdk.services.s3vectors.CfnIndex.Builder.create(this, "VectorIndex")
                        .vectorBucketArn(vectorBucket.getAttrVectorBucketArn())
                        .indexName("documents")
                        .dataType("float32")
                        .dimension(config.embeddingDimension())
                        .distanceMetric("cosine")
                        .metadataConfiguration(software.amazon.awscdk.services.s3vectors.CfnIndex.MetadataConfigurationProperty.builder()
                                .nonFilterableMetadataKeys(NON_FILTERABLE_KEYS)
                                .build())
                        .build();
        vectorIndex.applyRemovalPolicy(removal);

        String embeddingModelArn = "arn:" + getPartition() + ":bedrock:" + getRegion() + "::foundation-model/"
                + config.embeddingModelId();
        Role role = Role.Builder.create(this, "KnowledgeBaseRole")
                .assumedBy(ServicePrincipal.Builder.create("bedrock.amazonaws.com")
                        .conditions(Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", getAccount()),
                                "ArnLike", Map.of("aws:SourceArn", knowledgeBaseArn("*"))))
                        .build())
                .description("Lets the Bedrock knowledge base read the documents, embed them and keep the vectors")
                .build();
        Policy access = Policy.Builder.create(this, "KnowledgeBaseAccess")
                .roles(List.of(role))
                .statements(List.of(
                        statement(List.of("bedrock:InvokeModel"), List.of(embeddingModelArn)),
                        statement(List.of("s3:ListBucket"), List.of(documents.getBucketArn())),
                        statement(List.of("s3:GetObject"), List.of(documents.arnForObjects("*"))),
                        statement(List.of("s3vectors:GetIndex", "s3vectors:PutVectors", "s3vectors:GetVectors",
                                        "s3vectors:DeleteVectors", "s3vectors:QueryVectors", "s3vectors:ListVectors"),
                                List.of(vectorIndex.getAttrIndexArn()))))
                .build();
        Nag.suppressMatching(access, "AwsSolutions-IAM5",
                "The knowledge base must read every document in its own documents bucket (objects are added by operators).",
                DOCUMENT_OBJECTS);

        CfnKnowledgeBase knowledgeBase = CfnKnowledgeBase.Builder.create(this, "KnowledgeBase")
                .name(config.resourcePrefix() + "-documents")
                .description("Documents the chatbot answers from (" + config.stage() + ")")
                .roleArn(role.getRoleArn())
                .knowledgeBaseConfiguration(CfnKnowledgeBase.KnowledgeBaseConfigurationProperty.builder()
                        .type("VECTOR")
                        .vectorKnowledgeBaseConfiguration(CfnKnowledgeBase.VectorKnowledgeBaseConfigurationProperty.builder()
                                .embeddingModelArn(embeddingModelArn)
                                .embeddingModelConfiguration(CfnKnowledgeBase.EmbeddingModelConfigurationProperty.builder()
                                        .bedrockEmbeddingModelConfiguration(CfnKnowledgeBase.BedrockEmbeddingModelConfigurationProperty.builder()
                                                .dimensions(config.embeddingDimension())
                                                .embeddingDataType("FLOAT32")
                                                .build())
                                        .build())
                                .build())
                        .build())
                .storageConfiguration(CfnKnowledgeBase.StorageConfigurationProperty.builder()
                        .type("S3_VECTORS")
                        .s3VectorsConfiguration(CfnKnowledgeBase.S3VectorsConfigurationProperty.builder()
                                .indexArn(vectorIndex.getAttrIndexArn())
                                .build())
                        .build())
                .build();
        // The service checks the role's permissions when the knowledge base is created.
        knowledgeBase.getNode().addDependency(access);
        knowledgeBase.applyRemovalPolicy(removal);

        CfnDataSource dataSource = CfnDataSource.Builder.create(this, "DocumentsSource")
                .knowledgeBaseId(knowledgeBase.getAttrKnowledgeBaseId())
                .name("documents-bucket")
                .dataDeletionPolicy(config.retainData() ? "RETAIN" : "DELETE")
                .dataSourceConfiguration(CfnDataSource.DataSourceConfigurationProperty.builder()
                        .type("S3")
                        .s3Configuration(CfnDataSource.S3DataSourceConfigurationProperty.builder()
                                .bucketArn(documents.getBucketArn())
                                .build())
                        .build())
                .build();
        dataSource.applyRemovalPolicy(removal);
        return new KnowledgeBaseResources(knowledgeBase.getAttrKnowledgeBaseId(), knowledgeBase.getAttrKnowledgeBaseArn(),
                dataSource.getAttrDataSourceId());
    }

    private KendraResources createKendraIndex(StageConfig config, Bucket documents) {
        RemovalPolicy removal = config.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        String kendraLogGroups = "arn:" + getPartition() + ":logs:" + getRegion() + ":" + getAccount() + ":log-group:/aws/kendra/*";
        Role indexRole = Role.Builder.create(this, "KendraIndexRole")
                .assumedBy(new ServicePrincipal("kendra.amazonaws.com"))
                .description("Lets the Kendra index publish its metrics and logs")
                .build();
        Policy indexAccess = Policy.Builder.create(this, "KendraIndexAccess")
                .roles(List.of(indexRole))
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("cloudwatch:PutMetricData"))
                                .resources(List.of("*"))
                                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", "AWS/Kendra")))
                                .build(),
                        statement(List.of("logs:DescribeLogGroups"), List.of("*")),
                        statement(List.of("logs:CreateLogGroup"), List.of(kendraLogGroups)),
                        statement(List.of("logs:DescribeLogStreams", "logs:CreateLogStream", "logs:PutLogEvents"),
                                List.of(kendraLogGroups + ":log-stream:*"))))
                .build();
        Nag.suppress(indexAccess, "AwsSolutions-IAM5",
                "The policy Kendra documents for an index role: PutMetricData and DescribeLogGroups have no resource"
                        + " ARN (PutMetricData is limited to the AWS/Kendra namespace by condition); logs are limited to"
                        + " the /aws/kendra/ log groups the service creates with names of its own.");
        CfnIndex index = CfnIndex.Builder.create(this, "KendraIndex")
                .name(config.resourcePrefix() + "-documents")
                .edition(config.kendraEdition())
                .roleArn(indexRole.getRoleArn())
                .build();
        index.getNode().addDependency(indexAccess);
        index.applyRemovalPolicy(removal);

        Role sourceRole = Role.Builder.create(this, "KendraSourceRole")
                .assumedBy(new ServicePrincipal("kendra.amazonaws.com"))
                .description("Lets the Kendra S3 data source read the documents bucket and index it")
                .build();
        Policy sourceAccess = Policy.Builder.create(this, "KendraSourceAccess")
                .roles(List.of(sourceRole))
                .statements(List.of(
                        statement(List.of("s3:ListBucket"), List.of(documents.getBucketArn())),
                        statement(List.of("s3:GetObject"), List.of(documents.arnForObjects("*"))),
                        statement(List.of("kendra:BatchPutDocument", "kendra:BatchDeleteDocument"), List.of(index.getAttrArn()))))
                .build();
        Nag.suppressMatching(sourceAccess, "AwsSolutions-IAM5",
                "The data source must read every document in its own documents bucket (objects are added by operators).",
                DOCUMENT_OBJECTS);
        software.amazon.awscdk.services.kendra.CfnDataSource dataSource =
                software.amazon.awscdk.services.kendra.CfnDataSource.Builder.create(this, "KendraDocumentsSource")
                        .indexId(index.getAttrId())
                        .name("documents-bucket")
                        .type("S3")
                        .roleArn(sourceRole.getRoleArn())
                        .dataSourceConfiguration(software.amazon.awscdk.services.kendra.CfnDataSource.DataSourceConfigurationProperty.builder()
                                .s3Configuration(software.amazon.awscdk.services.kendra.CfnDataSource.S3DataSourceConfigurationProperty.builder()
                                        .bucketName(documents.getBucketName())
                                        .build())
                                .build())
                        .build();
        dataSource.getNode().addDependency(sourceAccess);
        Validations.of(dataSource).acknowledge(Acknowledgment.builder()
                .id("CloudFormation-Validate::W9009")
                .reason("S3Configuration still creates a working S3 data source; its template-based successor only"
                        + " matters to accounts that may still create Kendra indexes, which new customers cannot.")
                .build());
        dataSource.applyRemovalPolicy(removal);
        return new KendraResources(index.getAttrId(), index.getAttrArn(), dataSource.getAttrId());
    }

    private static PolicyStatement statement(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }

    private String knowledgeBaseArn(String knowledgeBaseId) {
        return "arn:" + getPartition() + ":bedrock:" + getRegion() + ":" + getAccount() + ":knowledge-base/" + knowledgeBaseId;
    }

    public ManagedDocuments managedDocuments() {
        return managedDocuments;
    }

    public RetrievalTarget target() {
        return target;
    }


    public IngestionTrigger ingestionTrigger() {
        return ingestionTrigger;
    }
}
