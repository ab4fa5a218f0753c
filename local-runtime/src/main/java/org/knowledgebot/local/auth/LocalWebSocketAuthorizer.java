package org.knowledgebot.local.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.connect.WebSocketAuthorizer;
import org.knowledgebot.core.domain.AuthorizerContext;
import org.knowledgebot.local.gateway.ConnectAuthorizer;
import org.knowledgebot.aws.InProcessLambdaContext;
import org.knowledgebot.local.gateway.WebSocketEvents;

/**
 * Runs connect-fn's real REQUEST authorizer on {@code $connect}, as API Gateway does: a thrown
 * {@code Unauthorized} is a 401 handshake answer, a policy that does not allow the route a 403, and an allowing
 * policy's context plus {@code principalId} becomes the connection's {@code requestContext.authorizer}.
 */
public final class LocalWebSocketAuthorizer implements ConnectAuthorizer {
    static final String METHOD_ARN = "arn:aws:execute-api:local:000000000000:" + WebSocketEvents.API_ID + "/"
            + WebSocketEvents.STAGE + "/" + WebSocketEvents.CONNECT;

    private final WebSocketAuthorizer authorizer;

    public LocalWebSocketAuthorizer(WebSocketAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Decision authorize(APIGatewayV2WebSocketEvent connectEvent) {
        APIGatewayCustomAuthorizerEvent event = APIGatewayCustomAuthorizerEvent.builder()
                .withType("REQUEST")
                .withMethodArn(METHOD_ARN)
                .withHeaders(connectEvent.getHeaders())
                .withQueryStringParameters(connectEvent.getQueryStringParameters())
                .build();
        IamPolicyResponse policy;
        try {
            policy = authorizer.handleRequest(event, new InProcessLambdaContext("connect-fn-authorizer"));
        } catch (RuntimeException e) {
            // The authorizer denies by throwing "Unauthorized" (it has logged why); API Gateway answers 401.
            return Decision.refuse(401);
        }
        if (policy == null || !allows(policy.getPolicyDocument())) {
            return Decision.refuse(403);
        }
        Map<String, Object> context = new HashMap<>(policy.getContext() == null ? Map.of() : policy.getContext());
        // API Gateway adds the policy's principal to the context it repeats on every message.
        context.put(AuthorizerContext.PRINCIPAL_ID, policy.getPrincipalId());
        return Decision.allow(context);
    }

    /** True when the policy has statements and all of them allow; the events library renders them as an array. */
    private static boolean allows(Map<String, Object> document) {
        Object raw = document == null ? null : document.get("Statement");
        List<?> statements = raw instanceof Object[] array ? Arrays.asList(array) : raw instanceof List<?> list ? list : List.of();
        return !statements.isEmpty() && statements.stream().allMatch(statement -> statement instanceof Map<?, ?> map
                && IamPolicyResponse.ALLOW.equals(map.get("Effect")));
    }
}
