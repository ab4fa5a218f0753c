package org.knowledgebot.session;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.session.InvokeEnvelope;
import org.knowledgebot.core.session.SessionOperations;
import org.knowledgebot.core.session.SessionResponse;

/**
 * Lambda Invoke entry point used by the chat function: {@code {"body":"<json string>"}} in,
 * {@code {"statusCode":200,"body":"<json string>"}} out. The caller is trusted (IAM lets only the chat function
 * invoke), so the {@code user_id} of the body names the user.
 */
public final class SessionInvokeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String ROUTE = "invoke";

    private final SessionOperations operations;
    private final EventLog eventLog;

    /** Used by Lambda: the graph is built once per execution environment. */
    public SessionInvokeHandler() {
        this(SessionGraph.instance().sessionOperations(), SessionGraph.instance().eventLog());
    }

    public SessionInvokeHandler(SessionOperations operations, EventLog eventLog) {
        this.operations = operations;
        this.eventLog = eventLog;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> payload, Context context) {
        SessionResponse response = operations.handle(null, InvokeEnvelope.bodyOf(payload));
        eventLog.write(EventLog.event(ROUTE, "status " + response.statusCode())
                .requestId(context == null ? null : context.getAwsRequestId()).cause(response.cause()));
        return InvokeEnvelope.responseMap(response);
    }
}
