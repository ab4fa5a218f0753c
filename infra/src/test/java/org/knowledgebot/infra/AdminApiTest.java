package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.environment;
import static org.knowledgebot.infra.Templates.json;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;
import static org.knowledgebot.infra.Templates.resources;
import static org.knowledgebot.infra.Templates.statementsOfRole;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The operators' console on AWS (stage dev): the admin function, its routes and grants, the group, the table. */
class AdminApiTest {
    private static final Template api = TestStages.devKnowledgeBase().template(ChatbotDeployment::api);
    private static final Template data = TestStages.devKnowledgeBase().template(ChatbotDeployment::data);
    private static final Template auth = TestStages.devKnowledgeBase().template(deployment -> deployment.auth().orElseThrow());

    @Test
    void everyAdminRouteReachesTheAdminAliasThroughTheCognitoJwtAuthorizer() {
        Map<String, Map<String, Object>> adminRoutes = Templates.routesByKey(api, route -> route);
        adminRoutes.keySet().removeIf(routeKey -> !routeKey.contains("/admin/") && !routeKey.contains("/feedback"));

        assertThat(adminRoutes).containsOnlyKeys("POST /feedback", "GET /admin/feedback", "GET /admin/feedback.csv",
                "GET /admin/gaps", "GET /admin/usage", "GET /admin/documents",
                "POST /admin/documents/uploads", "DELETE /admin/documents/{path+}", "GET /admin/ingestion",
                "POST /admin/ingestion");
        assertThat(adminRoutes.values()).allSatisfy(route -> {
            assertThat(route.get("AuthorizationType")).isEqualTo("JWT");
            assertThat(json(route.get("AuthorizerId"))).contains("SessionApiCognitoAuthorizer");
            assertThat(Templates.aliasBehindRoute(api, json(route.get("Target")))).isEqualTo("AdminAlias");
        });
    }

    @Test
    void theAdminFunctionIsJavaWithSnapStartAndKnowsItsTable() {
        Map<String, Object> function = properties(resource(api, "AWS::Lambda::Function", "AdminFunction"));

        assertThat(function.get("Handler")).isEqualTo("org.knowledgebot.admin.AdminHttpHandler::handleRequest");
        assertThat(function.get("Runtime")).isEqualTo("java21");
        assertThat(json(function.get("SnapStart"))).contains("PublishedVersions");
        assertThat(json(environment(api, "AdminFunction").get("FEEDBACK_TABLE_NAME"))).contains("Feedback");
        assertThat(json(environment(api, "AdminFunction").get("SESSIONS_TABLE_NAME"))).contains("Sessions");
        assertThat(json(environment(api, "AdminFunction").get("USAGE_TABLE_NAME"))).contains("UsageCounters");
        assertThat(environment(api, "AdminFunction")).as("the dev stage keeps the default prices").doesNotContainKey("MODEL_PRICES");
    }

    @Test
    void theAdminRoleMayQueryAndPutFeedbackAndOnlyQueryTheSessionsAndReadTheUsageCountsBeyondItsLogs() {
        TestStages.Synthesized existing = TestStages.existingKnowledgeBase();
        List<Templates.Statement> statements = statementsOfRole(existing.template(existing.deployment().api()), "AdminRole");

        Templates.Statement query = Templates.statementWith(statements, "dynamodb:Query");
        assertThat(query.resources()).contains("Feedback", "/index/ByRatedAt", "Sessions", "/index/UnsourcedQuestions")
                .doesNotContain("/index/RecentSessions", "\"*\"");
        Templates.Statement put = Templates.statementWith(statements, "dynamodb:PutItem");
        assertThat(put.resources()).contains("Feedback").doesNotContain("Sessions", "/index/", "\"*\"");
        Templates.Statement usage = Templates.statementWith(statements, "dynamodb:Query", "dynamodb:GetItem");
        assertThat(usage.resources()).contains("UsageCounters").doesNotContain("Feedback", "Sessions", "/index/", "\"*\"");
        assertThat(statements).extracting(Templates.Statement::actions).flatExtracting(actions -> actions)
                .allMatch(action -> action.startsWith("logs:") || action.equals("dynamodb:Query")
                        || action.equals("dynamodb:PutItem") || action.equals("dynamodb:GetItem"));
        assertThat(statements).filteredOn(statement -> statement.actions().contains("dynamodb:GetItem"))
                .as("GetItem on the usage table only").singleElement().isEqualTo(usage);
        assertThat(statements).extracting(Templates.Statement::resources).noneMatch(r -> r.contains("\"*\""));
    }

    @Test
    void theFeedbackTableIsKeyedByUserAndAnswerWithANewestFirstIndex() {
        Map<String, Object> table = properties(resource(data, "AWS::DynamoDB::Table", "Feedback"));

        assertThat(json(table.get("KeySchema"))).isEqualTo(
                "[{\"AttributeName\":\"user_id\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"answer_key\",\"KeyType\":\"RANGE\"}]");
        assertThat(json(table.get("GlobalSecondaryIndexes"))).contains("\"IndexName\":\"ByRatedAt\"",
                "{\"AttributeName\":\"feedback\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"rated_at\",\"KeyType\":\"RANGE\"}");
        assertThat(json(table.get("PointInTimeRecoverySpecification"))).contains("true");
    }

    @Test
    void theSessionsTableHasTheSparseUnsourcedQuestionsIndexWithOnlyTheQuestion() {
        Map<String, Object> table = properties(resource(data, "AWS::DynamoDB::Table", "Sessions"));

        assertThat(json(table.get("GlobalSecondaryIndexes"))).contains("\"IndexName\":\"UnsourcedQuestions\"",
                "{\"AttributeName\":\"unsourced\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"created_at\",\"KeyType\":\"RANGE\"}",
                "\"Projection\":{\"NonKeyAttributes\":[\"user\"],\"ProjectionType\":\"INCLUDE\"}");
    }

    @Test
    void theUserPoolHasTheAdminsGroup() {
        Map<String, Object> group = properties(resource(auth, "AWS::Cognito::UserPoolGroup", "Operators"));

        assertThat(group.get("GroupName")).isEqualTo("admins");
        assertThat(json(group.get("UserPoolId"))).contains("UserPool");
    }
}
