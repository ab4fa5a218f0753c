package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.environment;
import static org.knowledgebot.infra.Templates.json;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;
import static org.knowledgebot.infra.Templates.resources;
import static org.knowledgebot.infra.Templates.routesByKey;
import static org.knowledgebot.infra.Templates.statementWith;
import static org.knowledgebot.infra.Templates.statementsOfRole;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowledgebot.core.wire.ChatRoutes;
import org.knowledgebot.infra.stacks.ApiStack;
import software.amazon.awscdk.assertions.Template;

/** The API stack of the default stage (dev, knowledge base created by the app). */
class ApiStackTest {

    private static final Template api = TestStages.devKnowledgeBase().template(ChatbotDeployment::api);

    @Test
    void everyWebSocketRouteReachesItsFunctionThroughTheLiveAlias() {
        // when
        Map<String, String> integrationByRoute = routesByKey(api, route -> aliasBehind(json(route.get("Target"))));
        integrationByRoute.keySet().removeIf(routeKey -> routeKey.contains(" /"));

        // then
        assertThat(integrationByRoute).containsOnly(
                Map.entry("$connect", "ConnectAlias"),
                Map.entry("$disconnect", "DisconnectAlias"),
                Map.entry("$default", "ChatAlias"),
                Map.entry("getChatbotResponse", "ChatAlias"),
                Map.entry("sendMessage", "ChatAlias"));
    }

    @Test
    void theChatRoutesAreTheOnesTheChatHandlerServes() {
        assertThat(ApiStack.CHAT_ROUTES).isEqualTo(ChatRoutes.ACTIONS);
        assertThat(ApiStack.DEFAULT_ROUTE).isEqualTo(ChatRoutes.DEFAULT_ROUTE);
    }

    private static String aliasBehind(String targetJson) {
        return Templates.aliasBehindRoute(api, targetJson);
    }

    @Test
    void onlyConnectIsAuthorizedByTheRequestAuthorizerReadingTheAuthorizationQueryString() {
        // given
        Map<String, Object> authorizer = properties(resource(api, "AWS::ApiGatewayV2::Authorizer", "ChatSocketTokenAuthorizer"));

        // when
        Map<String, String> authorizationByRoute = routesByKey(api, route -> (String) route.get("AuthorizationType"));

        // then
        assertThat(authorizer.get("AuthorizerType")).isEqualTo("REQUEST");
        assertThat(authorizer.get("IdentitySource")).isEqualTo(List.of("route.request.querystring.Authorization"));
        assertThat(json(authorizer.get("AuthorizerUri"))).contains("AuthorizerAlias");
        assertThat(authorizationByRoute).containsOnly(
                Map.entry("$connect", "CUSTOM"),
                Map.entry("$disconnect", "NONE"),
                Map.entry("$default", "NONE"),
                Map.entry("getChatbotResponse", "NONE"),
                Map.entry("sendMessage", "NONE"),
                Map.entry("POST /user-session", "JWT"),
                Map.entry("POST /feedback", "JWT"),
                Map.entry("GET /admin/feedback", "JWT"),
                Map.entry("GET /admin/gaps", "JWT"),
                Map.entry("GET /admin/usage", "JWT"),
                Map.entry("GET /admin/feedback.csv", "JWT"),
                Map.entry("GET /admin/documents", "JWT"),
                Map.entry("POST /admin/documents/uploads", "JWT"),
                Map.entry("DELETE /admin/documents/{path+}", "JWT"),
                Map.entry("GET /admin/ingestion", "JWT"),
                Map.entry("POST /admin/ingestion", "JWT"));
    }

    @Test
    void theWebSocketStageIsNamedAfterTheStageThrottledAndAccessLoggedWithoutTokens() {
        // given
        Map<String, Object> stage = properties(resource(api, "AWS::ApiGatewayV2::Stage", "ChatStage"));

        // when
        String accessLogFormat = json(stage.get("AccessLogSettings"));

        // then
        assertThat(stage.get("StageName")).isEqualTo("dev");
        assertThat(stage.get("AutoDeploy")).isEqualTo(true);
        assertThat(json(stage.get("DefaultRouteSettings"))).contains("\"ThrottlingRateLimit\":50", "\"ThrottlingBurstLimit\":100");
        assertThat(accessLogFormat).contains("ChatAccessLogs", "$context.connectionId", "$context.routeKey")
                .doesNotContain("querystring", "Authorization", "sourceIp");
        api.hasResource("AWS::ApiGateway::Account", Map.of("DeletionPolicy", "Retain",
                "Properties", Map.of("CloudWatchRoleArn", Map.of("Fn::GetAtt", List.of(logicalId("AWS::IAM::Role", "ApiGatewayLogging"), "Arn")))));
        assertThat(resource(api, "AWS::IAM::Role", "ApiGatewayLogging").get("DeletionPolicy")).isEqualTo("Retain");
    }

    @ParameterizedTest
    @CsvSource({
            "AuthorizerFunction, org.knowledgebot.connect.WebSocketAuthorizer::handleRequest, 512, 10",
            "ConnectFunction, org.knowledgebot.connect.ConnectHandler::handleRequest, 512, 10",
            "DisconnectFunction, org.knowledgebot.connect.DisconnectHandler::handleRequest, 512, 10",
            "ChatFunction, org.knowledgebot.chat.ChatHandler::handleRequest, 1024, 600",
            "SessionInvokeFunction, org.knowledgebot.session.SessionInvokeHandler::handleRequest, 512, 30",
            "SessionHttpFunction, org.knowledgebot.session.SessionHttpHandler::handleRequest, 512, 30"})
    void everyFunctionRunsJava21OnArmWithSnapStartOnThePublishedVersion(String function, String handler, int memory, int timeout) {
        // given
        Map<String, Object> props = properties(resource(api, "AWS::Lambda::Function", function));

        // when
        String logicalIdPrefix = function.replace("Function", "");

        // then
        assertThat(props.get("Runtime")).isEqualTo("java21");
        assertThat(props.get("Architectures")).isEqualTo(List.of("arm64"));
        assertThat(props.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(props.get("Handler")).isEqualTo(handler);
        assertThat(props.get("MemorySize")).isEqualTo(memory);
        assertThat(props.get("Timeout")).isEqualTo(timeout);
        assertThat(json(props.get("LoggingConfig"))).contains(logicalIdPrefix + "Logs");
        assertThat(json(properties(resource(api, "AWS::Lambda::Alias", logicalIdPrefix + "Alias"))))
                .contains("\"Name\":\"live\"", function + "CurrentVersion");
    }

    @Test
    void theChatFunctionIsWiredToThisStagesResourcesAndSettings() {
        // given
        Map<String, Object> variables = environment(api, "ChatFunction");

        // when
        Map<String, String> wiring = variables.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> json(entry.getValue())));

        // then
        assertThat(wiring.keySet()).containsExactlyInAnyOrder("WEBSOCKET_API_ENDPOINT", "PROMPT_DATA_BUCKET_NAME", "PROMPT_KEY",
                "SESSION_HANDLER", "RETRIEVER", "KNOWLEDGE_BASE_ID", "PAGE_SIZE", "ANSWER_MODEL_ID", "REWRITE_MODEL_ID",
                "MIN_CONFIDENCE", "ALLOW_CLIENT_SYSTEM_PROMPT", "RETRIEVAL_FAILURE_MODE", "STAGE", "USAGE_TABLE_NAME",
                "USER_MESSAGES_PER_MINUTE", "USER_DAILY_TOKENS");
        assertThat(wiring.get("WEBSOCKET_API_ENDPOINT")).contains("https://", "ChatSocket", ".execute-api.", "/dev");
        assertThat(wiring.get("PROMPT_DATA_BUCKET_NAME")).contains("KnowledgeBot-dev-Data", "Prompts");
        assertThat(variables.get("PROMPT_KEY")).isEqualTo("system-prompt.txt");
        assertThat(wiring.get("SESSION_HANDLER")).isEqualTo("{\"Ref\":\"" + logicalId("AWS::Lambda::Alias", "SessionInvokeAlias") + "\"}");
        assertThat(variables.get("RETRIEVER")).isEqualTo("knowledgeBase");
        assertThat(wiring.get("KNOWLEDGE_BASE_ID")).contains("KnowledgeBot-dev-Knowledge", "KnowledgeBaseId");
        assertThat(variables).containsEntry("PAGE_SIZE", "12")
                .containsEntry("ANSWER_MODEL_ID", "anthropic.claude-3-5-sonnet-20240620-v1:0")
                .containsEntry("REWRITE_MODEL_ID", "mistral.mistral-7b-instruct-v0:2")
                .containsEntry("MIN_CONFIDENCE", "MEDIUM")
                .containsEntry("ALLOW_CLIENT_SYSTEM_PROMPT", "false")
                .containsEntry("RETRIEVAL_FAILURE_MODE", "continue")
                .containsEntry("USER_MESSAGES_PER_MINUTE", "20")
                .containsEntry("USER_DAILY_TOKENS", "200000");
        assertThat(wiring.get("USAGE_TABLE_NAME")).contains("KnowledgeBot-dev-Data", "UsageCounters");
    }

    @Test
    void everyFunctionIsToldItsStageTheDimensionOfItsMetrics() {
        // given
        List<String> functions = List.of("ChatFunction", "AuthorizerFunction", "ConnectFunction", "DisconnectFunction",
                "SessionInvokeFunction", "SessionHttpFunction", "AdminFunction");

        // when
        Map<String, Object> stageByFunction = functions.stream()
                .collect(Collectors.toMap(function -> function, function -> environment(api, function).get("STAGE")));

        // then
        assertThat(stageByFunction).hasSize(7).allSatisfy((function, stage) -> assertThat(stage).isEqualTo("dev"));
    }

    @Test
    void theAuthorizerAndSessionFunctionsGetTheUserPoolAndTableTheyNeed() {
        // given
        Map<String, Object> authorizer = environment(api, "AuthorizerFunction");

        // when
        Map<String, Object> sessionInvoke = environment(api, "SessionInvokeFunction");
        Map<String, Object> sessionHttp = environment(api, "SessionHttpFunction");

        // then
        assertThat(authorizer.keySet()).containsExactlyInAnyOrder("USER_POOL_ID", "USER_POOL_CLIENT_ID", "STAGE");
        assertThat(json(authorizer.get("USER_POOL_ID"))).contains("KnowledgeBot-dev-Auth", "UserPool");
        assertThat(json(authorizer.get("USER_POOL_CLIENT_ID"))).contains("KnowledgeBot-dev-Auth", "WebClient");
        assertThat(sessionInvoke.keySet()).containsExactlyInAnyOrder("SESSIONS_TABLE_NAME", "STAGE");
        assertThat(json(sessionInvoke.get("SESSIONS_TABLE_NAME"))).contains("KnowledgeBot-dev-Data", "Sessions");
        assertThat(sessionHttp).isEqualTo(sessionInvoke);
    }

    @Test
    void theChatRoleMayCallExactlyItsRetrieverModelsPromptConnectionsAndSessionFunction() {
        // given
        List<Templates.Statement> statements = statementsOfRole(api, "ChatRole");

        // when
        List<String> allActions = statements.stream().flatMap(s -> s.actions().stream()).toList();

        // then
        assertThat(allActions).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents", "bedrock:Retrieve",
                "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "s3:GetObject",
                "execute-api:ManageConnections", "lambda:InvokeFunction", "dynamodb:GetItem", "dynamodb:UpdateItem");
        assertThat(statementWith(statements, "logs:CreateLogStream", "logs:PutLogEvents").resources())
                .isEqualTo("{\"Fn::GetAtt\":[\"" + logicalId("AWS::Logs::LogGroup", "ChatLogs") + "\",\"Arn\"]}");
        assertThat(statementWith(statements, "bedrock:Retrieve").resources())
                .contains("KnowledgeBot-dev-Knowledge", "KnowledgeBaseArn");
        assertThat(statementWith(statements, "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream").resources())
                .isEqualTo("[{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":bedrock:\",{\"Ref\":\"AWS::Region\"},"
                        + "\"::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0\"]]},"
                        + "{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":bedrock:\",{\"Ref\":\"AWS::Region\"},"
                        + "\"::foundation-model/mistral.mistral-7b-instruct-v0:2\"]]}]");
        assertThat(statementWith(statements, "s3:GetObject").resources())
                .contains("Prompts").endsWith("\"/system-prompt.txt\"]]}");
        assertThat(statementWith(statements, "execute-api:ManageConnections").resources())
                .contains("{\"Ref\":\"" + logicalId("AWS::ApiGatewayV2::Api", "ChatSocket") + "\"},\"/dev/*/@connections/*\"");
        assertThat(statementWith(statements, "lambda:InvokeFunction").resources())
                .isEqualTo("{\"Ref\":\"" + logicalId("AWS::Lambda::Alias", "SessionInvokeAlias") + "\"}");
        assertThat(statementWith(statements, "dynamodb:GetItem", "dynamodb:UpdateItem").resources())
                .contains("KnowledgeBot-dev-Data", "UsageCounters").doesNotContain("Sessions", "index");
        assertThat(statements).noneMatch(s -> s.resources().equals("\"*\""));
    }

    @Test
    void theSessionFunctionsMayUseTheTableAndItsRecentSessionsIndexOnly() {
        // given
        List<Templates.Statement> invoke = statementsOfRole(api, "SessionInvokeRole");

        // when
        Templates.Statement table = statementWith(invoke, "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                "dynamodb:TransactWriteItems", "dynamodb:UpdateItem");

        // then
        assertThat(invoke).hasSize(2);
        assertThat(table.resources()).contains("Sessions").endsWith("\"/index/RecentSessions\"]]}]");
        assertThat(table.resources()).doesNotContain("\"*\"", "index/*");
        assertThat(statementsOfRole(api, "SessionHttpRole")).extracting(Templates.Statement::resources)
                .contains(table.resources());
        assertThat(statementsOfRole(api, "AuthorizerRole")).extracting(Templates.Statement::actions)
                .allMatch(actions -> actions.stream().allMatch(action -> action.startsWith("logs:")));
    }

    @Test
    void theSessionRouteUsesACognitoJwtAuthorizerAndAllowsThePageOrigin() {
        // given
        Map<String, Object> authorizer = properties(resource(api, "AWS::ApiGatewayV2::Authorizer", "SessionApiCognitoAuthorizer"));

        // when
        Map<String, Object> httpApi = properties(resource(api, "AWS::ApiGatewayV2::Api", "SessionApi"));

        // then
        assertThat(authorizer.get("AuthorizerType")).isEqualTo("JWT");
        assertThat(json(authorizer.get("JwtConfiguration"))).contains("https://cognito-idp.", "WebClient", "UserPool");
        assertThat(json(httpApi.get("CorsConfiguration")))
                .contains("\"https://\"", "KnowledgeBot-dev-WebHosting", "Distribution", "\"POST\"", "authorization");
        assertThat(json(properties(resource(api, "AWS::ApiGatewayV2::Integration", "SessionApiPOSTusersession"))))
                .contains("SessionHttpAlias", "\"PayloadFormatVersion\":\"2.0\"");
    }

    private static String logicalId(String type, String prefix) {
        return resources(api, type).keySet().stream().filter(id -> id.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + prefix + "*"));
    }
}
