package org.knowledgebot.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowledgebot.aws.LambdaInvocations;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.admin.Caller;
import org.knowledgebot.session.HttpApiEvents;

/**
 * {@code POST /feedback} and the {@code /admin/*} routes of the HTTP API (payload format 2.0) behind the Cognito
 * JWT authorizer. The caller and their groups come from the authorizer's claims only ({@code sub},
 * {@code cognito:groups}); shared-core's {@link AdminRoutes} decides who may do what.
 */
public record AdminHttpHandler(AdminRoutes routes)
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Used by Lambda, which creates the handler once per execution environment. */
    public AdminHttpHandler() {
        this(AdminGraph.forLambda().adminRoutes());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = LambdaInvocations.requestId(context);
        ApiRequest request = new ApiRequest(method(event), event.getRawPath() == null ? "/" : event.getRawPath(),
                event.getQueryStringParameters(), HttpApiEvents.body(event), Caller.fromClaims(HttpApiEvents.claims(event)));
        ApiResponse response = routes.handle(request, requestId);
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Content-Type", response.contentType());
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body())
                .build();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return "GET";
        }
        return event.getRequestContext().getHttp().getMethod();
    }
}
