package org.knowledgebot.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.Map;
import org.knowledgebot.core.testing.ColdStart;

/**
 * Runs in a fresh JVM started by {@link ColdStartBenchmarkTest}: constructs one handler the way Lambda does (no-arg
 * constructor, graph from the environment) and handles one realistic event, then prints what it answered.
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    /** The baseline: the smallest handler Lambda can run. */
    static final class HelloWorldHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            return Map.of("statusCode", 200, "body", "hello " + input.get("name"));
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        long start = System.nanoTime();
        String answer = switch (args[0]) {
            // The baseline's event goes through the same JSON mapping as the others, as the Lambda runtime would do.
            case "hello" -> String.valueOf(new HelloWorldHandler().handleRequest(
                    Fixtures.event("websocket-connect.json", Map.class, "none"), null).get("statusCode"));
            case "authorizer" -> new WebSocketAuthorizer().handleRequest(
                    Fixtures.event("websocket-connect-authorizer.json", APIGatewayCustomAuthorizerEvent.class,
                            System.getenv("BENCH_TOKEN")), null).getPrincipalId();
            case "connect" -> String.valueOf(new ConnectHandler().handleRequest(
                    Fixtures.event("websocket-connect.json", APIGatewayV2WebSocketEvent.class, "none"), null).getStatusCode());
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        ColdStart.printResult(answer, start);
    }
}
