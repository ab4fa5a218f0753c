package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.environment;
import static org.knowledgebot.infra.Templates.json;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;
import static org.knowledgebot.infra.Templates.resources;
import static org.knowledgebot.infra.Templates.statementWith;
import static org.knowledgebot.infra.Templates.statementsOfRole;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/** What each retriever choice creates and how chat-fn is pointed at it and allowed to call it. */
class RetrieverChoicesTest {

    @Test
    void theDefaultChoiceCreatesAKnowledgeBaseOnS3VectorsWithTitanV2EmbeddingsOverTheDocumentsBucket() {
        // given
        TestStages.Synthesized dev = TestStages.devKnowledgeBase();
        Template knowledge = dev.template(dev.deployment().knowledge().orElseThrow());

        // when
        Map<String, Object> index = properties(resource(knowledge, "AWS::S3Vectors::Index", "VectorIndex"));
        Map<String, Object> kb = properties(resource(knowledge, "AWS::Bedrock::KnowledgeBase", "KnowledgeBase"));
        Map<String, Object> source = properties(resource(knowledge, "AWS::Bedrock::DataSource", "DocumentsSource"));

        // then
        assertThat(index).containsEntry("Dimension", 1024).containsEntry("DataType", "float32").containsEntry("DistanceMetric", "cosine");
        assertThat(json(index.get("VectorBucketArn"))).isEqualTo("{\"Fn::GetAtt\":[\"Vectors\",\"VectorBucketArn\"]}");
        assertThat(json(index.get("MetadataConfiguration"))).contains("AMAZON_BEDROCK_TEXT", "AMAZON_BEDROCK_METADATA");
        assertThat(json(kb.get("KnowledgeBaseConfiguration"))).contains("\"Type\":\"VECTOR\"",
                "::foundation-model/amazon.titan-embed-text-v2:0", "\"Dimensions\":1024");
        assertThat(json(kb.get("StorageConfiguration")))
                .isEqualTo("{\"S3VectorsConfiguration\":{\"IndexArn\":{\"Fn::GetAtt\":[\"VectorIndex\",\"IndexArn\"]}},\"Type\":\"S3_VECTORS\"}");
        assertThat(json(source.get("DataSourceConfiguration"))).contains("\"Type\":\"S3\"", "Documents");
        assertThat(json(knowledge.toJSON().get("Outputs"))).contains("aws bedrock-agent start-ingestion-job --knowledge-base-id ");
    }

    @Test
    void theKnowledgeBaseRoleMayEmbedReadTheDocumentsAndWriteItsOwnVectorIndexOnly() {
        // given
        TestStages.Synthesized dev = TestStages.devKnowledgeBase();
        Template knowledge = dev.template(dev.deployment().knowledge().orElseThrow());

        // when
        List<Templates.Statement> statements = statementsOfRole(knowledge, "KnowledgeBaseRole");
        String trust = json(properties(resource(knowledge, "AWS::IAM::Role", "KnowledgeBaseRole")).get("AssumeRolePolicyDocument"));

        // then
        assertThat(statements).hasSize(4);
        assertThat(statementWith(statements, "bedrock:InvokeModel").resources()).contains("::foundation-model/amazon.titan-embed-text-v2:0");
        assertThat(statementWith(statements, "s3:ListBucket").resources()).isEqualTo("{\"Fn::GetAtt\":[\"" + logicalId(knowledge, "Documents") + "\",\"Arn\"]}");
        assertThat(statementWith(statements, "s3:GetObject").resources()).contains(logicalId(knowledge, "Documents"), "/*");
        assertThat(statementWith(statements, "s3vectors:DeleteVectors", "s3vectors:GetIndex", "s3vectors:GetVectors",
                "s3vectors:ListVectors", "s3vectors:PutVectors", "s3vectors:QueryVectors").resources())
                .isEqualTo("{\"Fn::GetAtt\":[\"VectorIndex\",\"IndexArn\"]}");
        assertThat(trust).contains("bedrock.amazonaws.com", "aws:SourceAccount", ":knowledge-base/*");
    }

    @Test
    void documentChangesReachTheIngestionFunctionThroughAQueueInDebouncedBatches() {
        // given
        TestStages.Synthesized dev = TestStages.devKnowledgeBase();
        Template knowledge = dev.template(dev.deployment().knowledge().orElseThrow());

        // when
        String notifications = json(properties(resource(knowledge, "Custom::S3BucketNotifications", "DocumentsNotifications")));
        Map<String, Object> mapping = properties(resource(knowledge, "AWS::Lambda::EventSourceMapping", "IngestionFunction"));
        Map<String, Object> function = properties(resource(knowledge, "AWS::Lambda::Function", "IngestionFunction"));
        List<Templates.Statement> statements = statementsOfRole(knowledge, "IngestionRole");

        // then
        assertThat(notifications).contains("s3:ObjectCreated:*", "s3:ObjectRemoved:*", "IngestionChanges");
        assertThat(mapping).containsEntry("MaximumBatchingWindowInSeconds", 120).containsEntry("BatchSize", 1000);
        assertThat(json(function.get("Code"))).contains("start_ingestion_job");
        assertThat(json(function.get("Environment"))).contains("\"TARGET_SERVICE\":\"bedrock\"", "KNOWLEDGE_BASE_ID", "DATA_SOURCE_ID");
        assertThat(statementWith(statements, "bedrock:StartIngestionJob").resources())
                .isEqualTo("{\"Fn::GetAtt\":[\"KnowledgeBase\",\"KnowledgeBaseArn\"]}");
        assertThat(json(properties(resource(knowledge, "AWS::SQS::Queue", "IngestionChanges"))))
                .contains("\"SqsManagedSseEnabled\":true", "\"maxReceiveCount\":24", "IngestionDeadLetters");
    }

    @Test
    void creatingKendraMakesAnIndexAndAnS3DataSourceAndChatMayRetrieveFromThatIndexOnly() {
        // given
        TestStages.Synthesized prod = TestStages.prodKendra();
        Template knowledge = prod.template(prod.deployment().knowledge().orElseThrow());
        Template api = prod.template(prod.deployment().api());

        // when
        Map<String, Object> index = properties(resource(knowledge, "AWS::Kendra::Index", "KendraIndex"));
        Map<String, Object> source = properties(resource(knowledge, "AWS::Kendra::DataSource", "KendraDocumentsSource"));
        Map<String, Object> variables = environment(api, "ChatFunction");
        Templates.Statement retrieve = statementWith(statementsOfRole(api, "ChatRole"), "kendra:Retrieve");

        // then
        assertThat(index).containsEntry("Edition", "DEVELOPER_EDITION");
        assertThat(source).containsEntry("Type", "S3");
        assertThat(json(source.get("DataSourceConfiguration"))).contains("Documents");
        assertThat(variables).containsEntry("RETRIEVER", "kendra").doesNotContainKey("KNOWLEDGE_BASE_ID");
        assertThat(json(variables.get("INDEX_ID"))).contains("KnowledgeBot-prod-Knowledge", "KendraIndex");
        assertThat(retrieve.resources()).contains("KnowledgeBot-prod-Knowledge", "KendraIndex", "Arn");
        assertThat(statementWith(statementsOfRole(knowledge, "KendraSourceRole"), "kendra:BatchDeleteDocument", "kendra:BatchPutDocument")
                .resources()).isEqualTo("{\"Fn::GetAtt\":[\"KendraIndex\",\"Arn\"]}");
        assertThat(json(properties(resource(knowledge, "AWS::Lambda::Function", "IngestionFunction")).get("Environment")))
                .contains("\"TARGET_SERVICE\":\"kendra\"");
    }

    /** Each retriever a stage can reuse: chat's expected variables, the retrieve action and the ARN it is limited to. */
    static Stream<Arguments> existingRetrievers() {
        return Stream.of(
                Arguments.of("existingKendra, with its language filter", (Supplier<TestStages.Synthesized>) TestStages::existingKendra,
                        Map.of("RETRIEVER", "kendra", "INDEX_ID", "0123abcd-0000-4000-8000-0123456789ab", "KENDRA_LANGUAGE_CODE", "en"),
                        List.of("KNOWLEDGE_BASE_ID"),
                        "kendra:Retrieve", "kendra", "index/0123abcd-0000-4000-8000-0123456789ab", "bedrock:Retrieve"),
                Arguments.of("existingKnowledgeBase", (Supplier<TestStages.Synthesized>) TestStages::existingKnowledgeBase,
                        Map.of("RETRIEVER", "knowledgeBase", "KNOWLEDGE_BASE_ID", "KB12345678"),
                        List.of("INDEX_ID", "KENDRA_LANGUAGE_CODE"),
                        "bedrock:Retrieve", "bedrock", "knowledge-base/KB12345678", "kendra:Retrieve"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existingRetrievers")
    void anExistingRetrieverIsUsedByIdWithoutAKnowledgeStackAndChatMayRetrieveFromItOnly(
            String choice, Supplier<TestStages.Synthesized> stage, Map<String, String> expectedVariables, List<String> absentVariables,
            String retrieveAction, String service, String resourcePath, String otherRetrieveAction) {
        // given
        TestStages.Synthesized synthesized = stage.get();
        Template api = synthesized.template(synthesized.deployment().api());

        // when
        Map<String, Object> variables = environment(api, "ChatFunction");
        List<Templates.Statement> statements = statementsOfRole(api, "ChatRole");

        // then
        assertThat(synthesized.deployment().knowledge()).isEmpty();
        assertThat(synthesized.deployment().stacks()).hasSize(6);
        assertThat(variables).containsAllEntriesOf(expectedVariables).doesNotContainKeys(absentVariables.toArray(String[]::new));
        assertThat(statementWith(statements, retrieveAction).resources()).isEqualTo("{\"Fn::Join\":[\"\",[\"arn:\","
                + "{\"Ref\":\"AWS::Partition\"},\":" + service + ":\",{\"Ref\":\"AWS::Region\"},\":\","
                + "{\"Ref\":\"AWS::AccountId\"},\":" + resourcePath + "\"]]}");
        assertThat(statements).noneMatch(s -> s.allows(otherRetrieveAction));
    }

    private static String logicalId(Template template, String prefix) {
        return resources(template, "AWS::S3::Bucket").keySet().stream().filter(id -> id.startsWith(prefix)).findFirst().orElseThrow();
    }
}
