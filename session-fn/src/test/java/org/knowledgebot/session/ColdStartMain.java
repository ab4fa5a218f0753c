package org.knowledgebot.session;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.knowledgebot.core.testing.ColdStart;

/**
 * Runs in a fresh JVM started by {@link ColdStartBenchmarkTest}: constructs one handler the way Lambda does (no-arg
 * constructor, graph and DynamoDB client from the environment) and handles one realistic event, then prints the
 * status it answered and its own elapsed milliseconds.
 */
public final class ColdStartMain {
    static final String SESSION_ID = "bench-session-1";

    private ColdStartMain() {
    }

    /** The baseline: the smallest handler Lambda can run. */
    static final class HelloWorldHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            return Map.of("statusCode", 200, "body", "hello " + input.get("body"));
        }
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String appendBody = """
                {"operation":"update_session","session_id":"%s","title":"Bulky item pickup",
                 "new_chat_entry":{"user":"How do I book a bulky item pickup?","chatbot":"Call 311 or book online.",
                 "metadata":"{\\"Sources\\":[{\\"title\\":\\"Bulky items\\",\\"uri\\":\\"https://docs.example.org/bulky.md\\"}]}"}}"""
                .formatted(SESSION_ID);
        String getBody = "{\"operation\":\"get_session\",\"user_id\":\"4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59\",\"session_id\":\""
                + SESSION_ID + "\"}";
        Object status = switch (args[0]) {
            // The baseline's event goes through the same JSON mapping as the others, as the Lambda runtime would do.
            case "hello" -> new HelloWorldHandler().handleRequest(EventFixtures.invokePayload(getBody), null).get("statusCode");
            case "http" -> new SessionHttpHandler().handleRequest(
                    EventFixtures.withBody("http-user-session-alice.json", appendBody, APIGatewayV2HTTPEvent.class), null)
                    .getStatusCode();
            case "invoke" -> new SessionInvokeHandler().handleRequest(EventFixtures.invokePayload(getBody), null).get("statusCode");
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        ColdStart.printResult(status, start);
    }
}
