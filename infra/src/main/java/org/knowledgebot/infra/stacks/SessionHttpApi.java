package org.knowledgebot.infra.stacks;

import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.JavaFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * The chat page's HTTP API: CORS for the page's origins, one throttled and logged {@code $default} stage, and the
 * Cognito JWT authorizer every route sits behind. Its resources are created in the API stack's own scope (this is
 * not a construct), so their logical ids are those the stack has always had.
 */
final class SessionHttpApi {
    private final HttpApi api;
    private final HttpUserPoolAuthorizer authorizer;

    SessionHttpApi(Stack stack, StageConfig config, String pageUrl, SignIn signIn) {
        api = HttpApi.Builder.create(stack, "SessionApi")
                .apiName(config.resourcePrefix() + "-sessions")
                .description("Session operations of the chat page (" + config.stage() + ")")
                .createDefaultStage(false)
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(allowedOrigins(config, pageUrl))
                        .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE,
                                CorsHttpMethod.OPTIONS))
                        .allowHeaders(List.of("authorization", "content-type"))
                        .maxAge(Duration.hours(1))
                        .build())
                .build();
        api.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ApiStack.stageThrottle(config))
                .accessLogSettings(ApiAccessLogs.settings(stack, "SessionAccessLogs", config, ApiAccessLogs.HTTP_FORMAT))
                .build());
        authorizer = HttpUserPoolAuthorizer.Builder.create("CognitoAuthorizer",
                        UserPool.fromUserPoolId(stack, "UserPool", signIn.userPoolId()))
                .userPoolClients(List.of(UserPoolClient.fromUserPoolClientId(stack, "WebClient", signIn.clientId())))
                .build();
    }

    HttpApi api() {
        return api;
    }

    IHttpRouteAuthorizer authorizer() {
        return authorizer;
    }

    /** Routes {@code METHOD path} (e.g. "POST /user-session") to the function's live alias, behind the authorizer. */
    static void route(HttpApi api, IHttpRouteAuthorizer authorizer, String route, HttpLambdaIntegration integration) {
        String[] methodAndPath = route.split(" ", 2);
        api.addRoutes(AddRoutesOptions.builder()
                .path(methodAndPath[1])
                .methods(List.of(HttpMethod.valueOf(methodAndPath[0])))
                .integration(integration)
                .authorizer(authorizer)
                .build());
    }

    /** The session route, the one route of session-fn's HTTP handler. */
    void routeSessions(String path, JavaFunction sessionHttp) {
        route(api, authorizer, "POST " + path, new HttpLambdaIntegration("SessionIntegration", sessionHttp.alias()));
    }

    private static List<String> allowedOrigins(StageConfig config, String pageUrl) {
        List<String> origins = new ArrayList<>();
        origins.add(pageUrl);
        origins.addAll(config.allowedOrigins());
        return origins;
    }
}
