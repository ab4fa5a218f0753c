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
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The operators' documents on AWS: routes, least-privilege grants per retriever, and the bucket's CORS. */
class AdminDocumentsTest {
    private static final Set<String> DOCUMENT_ROUTES = Set.of("GET /admin/documents", "POST /admin/documents/uploads",
            "DELETE /admin/documents/{path+}", "GET /admin/ingestion", "POST /admin/ingestion");

    @Test
    void aStageWithACreatedKnowledgeBaseServesTheDocumentRoutesWithGrantsOnThatKnowledgeBaseAndBucketOnly() {
        TestStages.Synthesized dev = TestStages.devKnowledgeBase();
        Template api = dev.template(dev.deployment().api());
        List<Templates.Statement> statements = statementsOfRole(api, "AdminRole");

        assertThat(routeKeys(api)).containsAll(DOCUMENT_ROUTES);
        Templates.Statement objects = statementWith(statements, "s3:DeleteObject", "s3:PutObject");
        assertThat(objects.resources()).contains("Documents", "/*").doesNotContain("Prompts");
        assertThat(statementWith(statements, "s3:ListBucket").resources()).contains("Documents").doesNotContain("/*");
        Templates.Statement index = statementWith(statements, "bedrock:GetIngestionJob", "bedrock:ListIngestionJobs",
                "bedrock:ListKnowledgeBaseDocuments", "bedrock:StartIngestionJob");
        assertThat(index.resources()).contains("KnowledgeBase").doesNotContain("\"*\"");
        assertThat(statements).flatExtracting(Templates.Statement::actions)
                .noneMatch(action -> action.endsWith(":*") || action.startsWith("s3:Get"));
        assertThat(environment(api, "AdminFunction")).containsKeys("DOCUMENTS_BUCKET_NAME", "DOCUMENTS_DATA_SOURCE_ID",
                "KNOWLEDGE_BASE_ID").containsEntry("RETRIEVER", "knowledgeBase");
    }

    @Test
    void aStageWithACreatedKendraIndexGrantsTheKendraDocumentAndSyncActionsOnItsIndexAndDataSource() {
        TestStages.Synthesized prod = TestStages.prodKendra();
        List<Templates.Statement> statements = statementsOfRole(prod.template(prod.deployment().api()), "AdminRole");

        assertThat(statementWith(statements, "kendra:BatchGetDocumentStatus").resources()).contains("KendraIndex")
                .doesNotContain("data-source");
        Templates.Statement sync = statementWith(statements, "kendra:ListDataSourceSyncJobs", "kendra:StartDataSourceSyncJob");
        assertThat(sync.resources()).contains("/data-source/", "KendraDocumentsSource");
    }

    @Test
    void aStageWithAnExistingRetrieverHasNoDocumentRoutesAndNoBucketGrants() {
        TestStages.Synthesized existing = TestStages.existingKnowledgeBase();
        Template api = existing.template(existing.deployment().api());

        assertThat(routeKeys(api)).doesNotContainAnyElementsOf(DOCUMENT_ROUTES).contains("GET /admin/feedback");
        assertThat(statementsOfRole(api, "AdminRole")).flatExtracting(Templates.Statement::actions)
                .noneMatch(action -> action.startsWith("s3:") || action.startsWith("bedrock:"));
    }

    @Test
    void theDocumentsBucketAcceptsOnlyPutsFromThePageAcrossOrigins() {
        TestStages.Synthesized dev = TestStages.devKnowledgeBase();
        Template knowledge = dev.template(dev.deployment().knowledge().orElseThrow());

        String cors = json(properties(resource(knowledge, "AWS::S3::Bucket", "Documents")).get("CorsConfiguration"));

        assertThat(cors).contains("\"AllowedMethods\":[\"PUT\"]", "\"AllowedHeaders\":[\"content-type\"]",
                "KnowledgeBot-dev-WebHosting", "Distribution").doesNotContain("\"*\"", "GET", "DELETE");
    }

    private static Set<String> routeKeys(Template api) {
        return Templates.routesByKey(api, route -> route).keySet();
    }
}
