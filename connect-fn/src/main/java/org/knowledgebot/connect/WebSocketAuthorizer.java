package org.knowledgebot.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.List;
import org.knowledgebot.aws.LambdaInvocations;
import org.knowledgebot.core.domain.AuthorizerContext;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.observability.EventLog;

/**
 * Lambda REQUEST authorizer of the WebSocket {@code $connect} route. A valid Cognito token yields an IAM policy
 * allowing {@code execute-api:Invoke} on the method ARN, with principal {@code sub} and the context
 * {@code {userId, username, groups}} that the chat function reads as the caller's identity. Everything else is
 * answered by throwing {@code Unauthorized}, which API Gateway turns into a 401 handshake response.
 */
public record WebSocketAuthorizer(CognitoJwtVerifier verifier, EventLog eventLog)
        implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {
    static final String ROUTE = "$connect-authorizer";

    /** Used by Lambda, which creates the handler once per execution environment. */
    public WebSocketAuthorizer() {
        this(ConnectGraph.forLambda());
    }

    private WebSocketAuthorizer(ConnectGraph graph) {
        this(graph.verifier(), graph.eventLog());
    }

    @Override
    public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String requestId = LambdaInvocations.requestId(context);
        Identity identity;
        try {
            if (event == null || event.getMethodArn() == null) {
                throw new InvalidTokenException("event has no method ARN");
            }
            String token = WebSocketTokens.token(event.getQueryStringParameters(), event.getHeaders()).orElse(null);
            identity = verifier.verify(token);
        } catch (InvalidTokenException e) {
            eventLog.write(EventLog.event(ROUTE, "denied: " + e.getMessage())
                    .requestId(requestId).error(ErrorCode.UNAUTHORIZED));
            throw new RuntimeException("Unauthorized");
        }
        eventLog.write(EventLog.event(ROUTE, "allowed").requestId(requestId).user(identity.userId()));
        return allow(identity, event.getMethodArn());
    }

    private static IamPolicyResponse allow(Identity identity, String methodArn) {
        return IamPolicyResponse.builder()
                .withPrincipalId(identity.userId())
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponse.allowStatement(methodArn)))
                        .build())
                .withContext(AuthorizerContext.of(identity))
                .build();
    }
}
