package org.knowledgebot.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import org.knowledgebot.core.observability.EventLog;

/**
 * The {@code $disconnect} route. API Gateway calls it on a best-effort basis; as no state is kept per connection
 * there is nothing to clean up, so it only records the event.
 */
public record DisconnectHandler(EventLog eventLog)
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    /** Used by Lambda, which creates the handler once per execution environment. */
    public DisconnectHandler() {
        this(ConnectGraph.forLambda().eventLog());
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        eventLog.write(ConnectionEvents.describe(event, context, "$disconnect", "disconnected"));
        return response;
    }
}
