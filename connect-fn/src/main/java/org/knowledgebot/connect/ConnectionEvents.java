package org.knowledgebot.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import org.knowledgebot.aws.LambdaInvocations;
import org.knowledgebot.core.domain.AuthorizerContext;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.observability.EventLog;

/** The log line of a connection event: request and connection ids, and the hashed user of the authorizer context. */
final class ConnectionEvents {
    private ConnectionEvents() {
    }

    static EventLog.Event describe(APIGatewayV2WebSocketEvent event, Context context, String route, String outcome) {
        EventLog.Event line = EventLog.event(route, outcome)
                .requestId(LambdaInvocations.requestId(context));
        APIGatewayV2WebSocketEvent.RequestContext request = event == null ? null : event.getRequestContext();
        if (request != null) {
            line.connectionId(request.getConnectionId());
            Identity caller = AuthorizerContext.read(request.getAuthorizer());
            if (caller != null) {
                line.user(caller.userId());
            }
        }
        return line;
    }
}
