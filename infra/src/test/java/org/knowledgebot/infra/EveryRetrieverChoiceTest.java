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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/** What must hold whichever retriever a stage chooses: the same routes, functions and permission boundaries. */
class EveryRetrieverChoiceTest {

    private static final String STAGES = "org.knowledgebot.infra.TestStages#everyRetrieverChoice";
    private static final List<String> FUNCTIONS = List.of("Authorizer", "Connect", "Disconnect", "Chat", "SessionInvoke", "SessionHttp", "Admin");

    @ParameterizedTest(name = "{0}")
    @MethodSource(STAGES)
    void theRoutesTheirAliasesAndTheConnectAuthorizerAreTheSame(String retriever, Supplier<TestStages.Synthesized> stage) {
        // given
        Template api = api(stage);

        // when
        Map<String, String> targets = Templates.routesByKey(api, route -> Templates.aliasBehindRoute(api, json(route.get("Target"))));
        targets.keySet().removeIf(route -> route.startsWith("GET /admin/documents") || route.contains("/admin/ingestion")
                || route.contains(" /admin/documents/"));
        Map<String, Object> authorizer = properties(resource(api, "AWS::ApiGatewayV2::Authorizer", "ChatSocketTokenAuthorizer"));

        // then
        assertThat(targets).containsOnly(
                Map.entry("$connect", "ConnectAlias"), Map.entry("$disconnect", "DisconnectAlias"),
                Map.entry("$default", "ChatAlias"), Map.entry("getChatbotResponse", "ChatAlias"),
                Map.entry("sendMessage", "ChatAlias"), Map.entry("POST /user-session", "SessionHttpAlias"),
                Map.entry("POST /feedback", "AdminAlias"), Map.entry("GET /admin/feedback", "AdminAlias"),
                Map.entry("GET /admin/feedback.csv", "AdminAlias"), Map.entry("GET /admin/gaps", "AdminAlias"),
                Map.entry("GET /admin/usage", "AdminAlias"));
        assertThat(authorizer).containsEntry("AuthorizerType", "REQUEST")
                .containsEntry("IdentitySource", List.of("route.request.querystring.Authorization"));
        assertThat(json(properties(resource(api, "AWS::ApiGatewayV2::Route", "ChatSocketconnectRoute"))))
                .contains("\"AuthorizationType\":\"CUSTOM\"", "ChatSocketTokenAuthorizer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(STAGES)
    void everyFunctionIsJava21OnArmWithSnapStartReachedThroughItsLiveAlias(String retriever, Supplier<TestStages.Synthesized> stage) {
        // given
        Template api = api(stage);

        // when
        Map<String, Map<String, Object>> functions = resources(api, "AWS::Lambda::Function");

        // then
        assertThat(functions).hasSize(FUNCTIONS.size());
        assertThat(functions.values()).extracting(Templates::properties).allSatisfy(function -> {
            assertThat(function).containsEntry("Runtime", "java21").containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
            assertThat(function.get("Handler").toString()).startsWith("org.knowledgebot.").endsWith("::handleRequest");
        });
        assertThat(resources(api, "AWS::Lambda::Alias").values()).extracting(Templates::properties)
                .extracting(alias -> alias.get("Name")).containsOnly("live").hasSize(FUNCTIONS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(STAGES)
    void chatIsToldWhichRetrieverToUseAndMayCallOnlyThatOne(String retriever, Supplier<TestStages.Synthesized> stage) {
        // given
        TestStages.Synthesized synthesized = stage.get();
        Template api = api(stage);
        boolean kendra = synthesized.config().retriever().name().contains("KENDRA");

        // when
        Map<String, Object> variables = environment(api, "ChatFunction");
        List<Templates.Statement> statements = statementsOfRole(api, "ChatRole");
        Set<String> actions = statements.stream().flatMap(s -> s.actions().stream()).collect(Collectors.toCollection(TreeSet::new));

        // then
        assertThat(variables).containsKeys("WEBSOCKET_API_ENDPOINT", "PROMPT_DATA_BUCKET_NAME", "PROMPT_KEY", "SESSION_HANDLER",
                "RETRIEVER", "PAGE_SIZE", "ANSWER_MODEL_ID", "REWRITE_MODEL_ID", "MIN_CONFIDENCE", "ALLOW_CLIENT_SYSTEM_PROMPT",
                "RETRIEVAL_FAILURE_MODE");
        assertThat(variables.get("RETRIEVER")).isEqualTo(kendra ? "kendra" : "knowledgeBase");
        assertThat(variables).containsKey(kendra ? "INDEX_ID" : "KNOWLEDGE_BASE_ID")
                .doesNotContainKey(kendra ? "KNOWLEDGE_BASE_ID" : "INDEX_ID");
        assertThat(actions).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents",
                kendra ? "kendra:Retrieve" : "bedrock:Retrieve", "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream",
                "s3:GetObject", "execute-api:ManageConnections", "lambda:InvokeFunction", "dynamodb:GetItem",
                "dynamodb:UpdateItem");
        assertThat(statements).noneMatch(s -> s.resources().contains("\"*\"") || s.actions().stream().anyMatch(a -> a.endsWith("*")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(STAGES)
    void noOtherFunctionMayDoMoreThanItsJobNeeds(String retriever, Supplier<TestStages.Synthesized> stage) {
        // given
        Template api = api(stage);

        // when
        Map<String, Set<String>> actionsByRole = FUNCTIONS.stream().filter(name -> !name.equals("Chat"))
                .collect(Collectors.toMap(name -> name, name -> statementsOfRole(api, name + "Role").stream()
                        .flatMap(s -> s.actions().stream()).collect(Collectors.toCollection(TreeSet::new))));

        // then
        Set<String> logs = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(actionsByRole.get("Authorizer")).isEqualTo(logs);
        assertThat(actionsByRole.get("Connect")).isEqualTo(logs);
        assertThat(actionsByRole.get("Disconnect")).isEqualTo(logs);
        assertThat(actionsByRole.get("SessionInvoke")).containsAll(logs).allMatch(a -> a.startsWith("logs:") || a.startsWith("dynamodb:"));
        assertThat(actionsByRole.get("SessionHttp")).isEqualTo(actionsByRole.get("SessionInvoke"));
    }

    private static Template api(Supplier<TestStages.Synthesized> stage) {
        TestStages.Synthesized synthesized = stage.get();
        return synthesized.template(synthesized.deployment().api());
    }
}
