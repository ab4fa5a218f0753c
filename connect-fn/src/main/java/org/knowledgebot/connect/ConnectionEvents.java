package org.knowledgebot.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.Map;
import org.knowledgebot.core.observability.EventLog;

/** The log line of a connection event: request and connection ids, and the hashed user of the authorizer context. */
final class ConnectionEvents {
    private ConnectionEvents() {
    }

    static EventLog.Event describe(APIGatewayV2WebSocketEvent event, Context context, String route, String outcome) {
        EventLog.Event line = EventLog.event(route, outcome)
                .requestId(context == null ? null : context.getAwsRequestId());
        APIGatewayV2WebSocketEvent.RequestContext request = event == null ? null : event.getRequestContext();
        if (request != null) {
            line.connectionId(request.getConnectionId());
            Map<String, Object> authorizer = request.getAuthorizer();
            Object userId = authorizer == null ? null : authorizer.get("userId");
            if (userId instanceof String id && !id.isBlank()) {
                line.user(id);
            }
        }
        return line;
    }
}
