package org.knowledgebot.chat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import org.knowledgebot.core.testing.ColdStart;

/**
 * What a fresh Lambda execution environment does for its first event: construct the handler (for chat-fn this
 * builds the whole graph from the environment variables), read the event JSON, handle it. Run in a new JVM by
 * the cold-start benchmark; prints the status it answered.
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler =
                "hello".equals(args[0]) ? new HelloWorldHandler() : new ChatHandler();
        APIGatewayV2WebSocketResponse response = handler.handleRequest(WebSocketEvents.load("send-message.json"), null);
        ColdStart.printResult(response.getStatusCode(), started);
        // Netty's event loop would keep the JVM up for its quiet period; the measured work is done.
        System.exit(0);
    }
}
