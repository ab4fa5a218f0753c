package org.knowledgebot.infra.stacks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.infra.DeploymentAssets;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.BedrockModelArns;
import org.knowledgebot.infra.constructs.JavaFunction;
import org.knowledgebot.infra.constructs.Nag;
import org.knowledgebot.infra.constructs.PerUserLimits;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The chatbot's entry points and the functions behind them: the WebSocket API (authorizer on $connect, the two chat
 * protocols and $default on chat-fn), the session HTTP API with a Cognito JWT authorizer, and the permissions of
 * each function, each limited to the one resource it uses (README, "Security").
 */
public class ApiStack extends Stack {

    /**
     * The chat routes besides $default. shared-core's ChatRoutes names them for chat-fn and the local runtime; the
     * CDK app stays free of module dependencies (cdk synth compiles it alone), so a test holds the two equal.
     */
    public static final List<String> CHAT_ROUTES = List.of("getChatbotResponse", "sendMessage");
    public static final String DEFAULT_ROUTE = "$default";
    public static final String SESSION_ROUTE = "/user-session";

    /**
     * DynamoDB actions session-fn's store calls: single items, queries, batch deletes, and the conditional append
     * (a transaction of a header UpdateItem and a turn PutItem, each authorized by its own action).
     */
    static final List<String> SESSION_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:TransactWriteItems");

    /* How cdk-nag prints ARN parts: pseudo parameters when the stage is env-agnostic, literals when it is pinned. */
    private static final String NAG_PARTITION = "(<AWS::Partition>|aws[a-z-]*)";
    private static final String NAG_REGION = "(<AWS::Region>|[a-z0-9-]+)";
    private static final String NAG_ACCOUNT = "(<AWS::AccountId>|[0-9]{12})";

    private final JavaFunction authorizer;
    private final JavaFunction connect;
    private final JavaFunction disconnect;
    private final JavaFunction chat;
    private final JavaFunction sessionInvoke;
    private final JavaFunction sessionHttp;
    private final JavaFunction admin;
    private final WebSocketApi webSocketApi;
    private final WebSocketStage webSocketStage;
    private final HttpApi sessionApi;

    /** The resources this stack wires its functions to. */
    public record Wiring(ITable sessionsTable, String recentSessionsIndex, ITable usageTable, IBucket promptBucket,
                         String promptKey,
                         RetrievalTarget retrieval, SignIn signIn, String pageUrl, AdminApi.Tables adminTables) {
    }

    public ApiStack(Construct scope, String id, StackProps props, StageConfig config, DeploymentAssets assets, Wiring wiring) {
        super(scope, id, props);

        authorizer = function("Authorizer", config, assets.connectJar(), "org.knowledgebot.connect.WebSocketAuthorizer",
                "Verifies the Cognito ID token of a WebSocket connection", 512, Duration.seconds(10),
                Map.of("USER_POOL_ID", wiring.signIn().userPoolId(),
                        "USER_POOL_CLIENT_ID", wiring.signIn().clientId()));
        connect = function("Connect", config, assets.connectJar(), "org.knowledgebot.connect.ConnectHandler",
                "Accepts an authorized WebSocket connection", 512, Duration.seconds(10), Map.of());
        disconnect = function("Disconnect", config, assets.connectJar(), "org.knowledgebot.connect.DisconnectHandler",
                "Records a closed WebSocket connection", 512, Duration.seconds(10), Map.of());
        Map<String, String> sessionEnvironment = Map.of("SESSIONS_TABLE_NAME", wiring.sessionsTable().getTableName());
        sessionInvoke = function("SessionInvoke", config, assets.sessionJar(), "org.knowledgebot.session.SessionInvokeHandler",
                "Session operations for the chat function (Lambda Invoke)", 512, Duration.seconds(30), sessionEnvironment);
        sessionHttp = function("SessionHttp", config, assets.sessionJar(), "org.knowledgebot.session.SessionHttpHandler",
                "Session operations for the browser (POST /user-session)", 512, Duration.seconds(30), sessionEnvironment);

        webSocketApi = WebSocketApi.Builder.create(this, "ChatSocket")
                .apiName(config.resourcePrefix() + "-chat")
                .description("Knowledge chatbot WebSocket API (" + config.stage() + ")")
                .routeSelectionExpression("$request.body.action")
                .connectRouteOptions(WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration("ConnectIntegration", connect.alias()))
                        .authorizer(WebSocketLambdaAuthorizer.Builder.create("TokenAuthorizer", authorizer.alias())
                                .identitySource(List.of("route.request.querystring.Authorization"))
                                .build())
                        .build())
                .disconnectRouteOptions(WebSocketRouteOptions.builder()
                        .integration(new WebSocketLambdaIntegration("DisconnectIntegration", disconnect.alias()))
                        .build())
                .build();
        webSocketStage = WebSocketStage.Builder.create(this, "ChatStage")
                .webSocketApi(webSocketApi)
                .stageName(config.stage())
                .autoDeploy(true)
                .throttle(stageThrottle(config))
                .accessLogSettings(ApiAccessLogs.settings(this, "ChatAccessLogs", config, ApiAccessLogs.WEBSOCKET_FORMAT))
                .build();
        // WebSocket stages log through API Gateway's account-level CloudWatch role (HTTP APIs do not need it).
        webSocketStage.getNode().addDependency(ApiAccessLogs.accountLoggingRole(this));

        chat = function("Chat", config, assets.chatJar(), "org.knowledgebot.chat.ChatHandler",
                "Answers chat messages and streams the answer to the connection", config.chatMemoryMb(),
                Duration.seconds(config.chatTimeoutSeconds()), chatEnvironment(config, wiring));
        WebSocketLambdaIntegration chatIntegration = new WebSocketLambdaIntegration("ChatIntegration", chat.alias());
        webSocketApi.addRoute(DEFAULT_ROUTE, WebSocketRouteOptions.builder().integration(chatIntegration).build());
        for (String route : CHAT_ROUTES) {
            webSocketApi.addRoute(route, WebSocketRouteOptions.builder().integration(chatIntegration).build());
        }
        Nag.suppress(webSocketApi, "AwsSolutions-APIG4",
                "API Gateway authorizes a WebSocket connection once, on $connect (Lambda REQUEST authorizer); the other"
                        + " routes can only be reached on such a connection and read the identity the authorizer set.");
        grantChatPermissions(config, wiring);

        SessionHttpApi http = new SessionHttpApi(this, config, wiring.pageUrl(), wiring.signIn());
        sessionApi = http.api();
        http.routeSessions(SESSION_ROUTE, sessionHttp);
        admin = function("Admin", config, assets.adminJar(), "org.knowledgebot.admin.AdminHttpHandler",
                "Feedback and the operators' routes (POST /feedback, /admin/*)", 512, Duration.seconds(30),
                AdminApi.environment(config, wiring.adminTables()));
        new AdminApi(this, "AdminRoutes", admin, sessionApi, http.authorizer(), wiring.adminTables());

        PolicyStatement tableAccess = PolicyStatement.Builder.create()
                .actions(SESSION_TABLE_ACTIONS)
                .resources(List.of(wiring.sessionsTable().getTableArn(),
                        wiring.sessionsTable().getTableArn() + "/index/" + wiring.recentSessionsIndex()))
                .build();
        sessionInvoke.role().addToPolicy(tableAccess);
        sessionHttp.role().addToPolicy(tableAccess);

        CfnOutput.Builder.create(this, "WebSocketUrl").value(webSocketUrl()).build();
        CfnOutput.Builder.create(this, "SessionApiUrl").value(sessionApiUrl()).build();
    }

    /** A function of this stage; each is told the stage name (STAGE), the Stage dimension of its metrics. */
    private JavaFunction function(String id, StageConfig config, Path jar, String handlerClass,
                                  String description, int memoryMb, Duration timeout, Map<String, String> environment) {
        Map<String, String> withStage = new LinkedHashMap<>(environment);
        withStage.put("STAGE", config.stage());
        return new JavaFunction(this, id, new JavaFunction.Props(jar, handlerClass, description, memoryMb, timeout,
                withStage, config.logRetentionDays(), config.retainData()));
    }

    private Map<String, String> chatEnvironment(StageConfig config, Wiring wiring) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("WEBSOCKET_API_ENDPOINT", webSocketStage.getCallbackUrl());
        environment.put("PROMPT_DATA_BUCKET_NAME", wiring.promptBucket().getBucketName());
        environment.put("PROMPT_KEY", wiring.promptKey());
        environment.put("SESSION_HANDLER", sessionInvoke.alias().getFunctionArn());
        environment.put("RETRIEVER", wiring.retrieval().retrieverSetting());
        environment.put(wiring.retrieval().idVariable(), wiring.retrieval().id());
        environment.put("PAGE_SIZE", Integer.toString(config.pageSize()));
        config.kendraLanguageCode().ifPresent(code -> environment.put("KENDRA_LANGUAGE_CODE", code));
        environment.put("ANSWER_MODEL_ID", config.answerModelId());
        environment.put("REWRITE_MODEL_ID", config.rewriteModelId());
        if (!config.answerModels().isEmpty()) {
            environment.put("ANSWER_MODELS", config.answerModelsSetting());
        }
        environment.put("MIN_CONFIDENCE", config.minConfidence());
        environment.put("ALLOW_CLIENT_SYSTEM_PROMPT", Boolean.toString(config.allowClientSystemPrompt()));
        environment.put("RETRIEVAL_FAILURE_MODE", config.retrievalFailureMode());
        environment.putAll(PerUserLimits.environment(config, wiring.usageTable()));
        return environment;
    }

    private void grantChatPermissions(StageConfig config, Wiring wiring) {
        Role role = chat.role();
        role.addToPolicy(wiring.retrieval().permission());
        List<String> modelArns = BedrockModelArns.forModels(this, config.invokedModelIds());
        chat.allow(List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"), modelArns);
        chat.allow(List.of("s3:GetObject"), List.of(wiring.promptBucket().arnForObjects(wiring.promptKey())));
        chat.allow(List.of("execute-api:ManageConnections"), List.of(formatArn(ArnComponents.builder()
                .service("execute-api")
                .resource(webSocketApi.getApiId())
                .resourceName(webSocketStage.getStageName() + "/*/@connections/*")
                .build())));
        chat.allow(List.of("lambda:InvokeFunction"), List.of(sessionInvoke.alias().getFunctionArn()));
        role.addToPolicy(PerUserLimits.counting(wiring.usageTable()));
        Nag.suppressMatching(role, "AwsSolutions-IAM5",
                "Connection ids are created by API Gateway per client at run time: the grant covers the @connections"
                        + " of this API's stage only (any method: POST to send, DELETE to close, GET to inspect).",
                "^Resource::arn:" + NAG_PARTITION + ":execute-api:" + NAG_REGION + ":" + NAG_ACCOUNT
                        + ":<ChatSocket[0-9A-F]+>/" + config.stage() + "/\\*/@connections/\\*$");
        if (config.invokedModelIds().stream().anyMatch(BedrockModelArns::isInferenceProfile)) {
            Nag.suppressMatching(role, "AwsSolutions-IAM5",
                    "A cross-region inference profile routes each request to a region it chooses; the foundation model"
                            + " is named exactly and only the region is open.",
                    "^Resource::arn:" + NAG_PARTITION + ":bedrock:\\*::foundation-model/.+$");
        }
    }

    /** Both APIs' stages: the stage's request rate and burst limits. */
    static ThrottleSettings stageThrottle(StageConfig config) {
        return ThrottleSettings.builder()
                .rateLimit(config.apiRateLimit())
                .burstLimit(config.apiBurstLimit())
                .build();
    }

    /** wss://…/<stage>: what the chat page connects to. */
    public String webSocketUrl() {
        return webSocketStage.getUrl();
    }

    /** https://…/user-session: the session route of the chat page. */
    public String sessionApiUrl() {
        return sessionApi.getApiEndpoint() + SESSION_ROUTE;
    }

    public List<JavaFunction> functions() {
        return List.of(authorizer, connect, disconnect, chat, sessionInvoke, sessionHttp, admin);
    }

    public JavaFunction chat() {
        return chat;
    }

    public JavaFunction admin() {
        return admin;
    }

    public WebSocketApi webSocketApi() {
        return webSocketApi;
    }

    public WebSocketStage webSocketStage() {
        return webSocketStage;
    }

    public HttpApi sessionApi() {
        return sessionApi;
    }

}
