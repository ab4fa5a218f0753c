package org.knowledgebot.session;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.knowledgebot.aws.LambdaInvocations;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.session.SessionOperations;
import org.knowledgebot.core.session.SessionResponse;

/**
 * {@code POST /user-session} of the HTTP API (payload format 2.0) behind a Cognito JWT authorizer. The user is
 * always the token's {@code sub}; a {@code user_id} in the body is ignored, so nobody can reach another user's
 * sessions. CORS headers are added by the HTTP API itself.
 */
public record SessionHttpHandler(SessionOperations operations, EventLog eventLog)
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String ROUTE = "POST /user-session";
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    /** Used by Lambda, which creates the handler once per execution environment. */
    public SessionHttpHandler() {
        this(SessionGraph.forLambda());
    }

    private SessionHttpHandler(SessionGraph graph) {
        this(graph.sessionOperations(), graph.eventLog());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = LambdaInvocations.requestId(context);
        String subject = subjectOf(event);
        if (subject == null) {
            eventLog.write(EventLog.event(ROUTE, "status 401").requestId(requestId).error(ErrorCode.UNAUTHORIZED));
            return respond(401, "{\"error\":\"sign in to use sessions\"}");
        }
        SessionResponse response = operations.handle(subject, HttpApiEvents.body(event));
        eventLog.write(EventLog.event(ROUTE, "status " + response.statusCode()).requestId(requestId).user(subject)
                .cause(response.cause()));
        return respond(response.statusCode(), response.body());
    }

    private static String subjectOf(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = HttpApiEvents.claims(event);
        String subject = claims == null ? null : claims.get("sub");
        return subject == null || subject.isBlank() ? null : subject;
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(JSON_HEADERS)
                .withBody(body)
                .build();
    }
}
