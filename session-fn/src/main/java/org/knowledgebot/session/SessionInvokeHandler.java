package org.knowledgebot.session;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.knowledgebot.aws.LambdaInvocations;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.session.InvokeEnvelope;
import org.knowledgebot.core.session.SessionOperations;
import org.knowledgebot.core.session.SessionResponse;

/**
 * Lambda Invoke entry point used by the chat function: {@code {"body":"<json string>"}} in,
 * {@code {"statusCode":200,"body":"<json string>"}} out. The caller is trusted (IAM lets only the chat function
 * invoke), so the {@code user_id} of the body names the user.
 */
public record SessionInvokeHandler(SessionOperations operations, EventLog eventLog)
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String ROUTE = "invoke";

    /** Used by Lambda, which creates the handler once per execution environment. */
    public SessionInvokeHandler() {
        this(SessionGraph.forLambda());
    }

    private SessionInvokeHandler(SessionGraph graph) {
        this(graph.sessionOperations(), graph.eventLog());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> payload, Context context) {
        SessionResponse response = operations.handle(null, InvokeEnvelope.bodyOf(payload));
        eventLog.write(EventLog.event(ROUTE, "status " + response.statusCode())
                .requestId(LambdaInvocations.requestId(context)).cause(response.cause()));
        return InvokeEnvelope.responseMap(response);
    }
}
