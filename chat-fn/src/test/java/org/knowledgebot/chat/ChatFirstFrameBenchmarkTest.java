package org.knowledgebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsBackend;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.config.Environment;

/**
 * Where the time to the first answer frame goes in a warm chat-fn: the function's real graph and SDK clients
 * answer a new conversation against instant local stubs, in process, and the stub's arrival times of the calls
 * mark each step. Prints medians for both protocols; asserts only that every answer reached the client.
 */
@Tag("bench")
class ChatFirstFrameBenchmarkTest {
    private static final int WARM_UP = 50;
    private static final int RUNS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One step of an answer, marked by the first (or last) request of the answer that {@code marks} matches. */
    private record Step(String name, Predicate<StubAwsServer.Recorded> marks, boolean last) {
    }

    @Test
    void whereTheTimeToTheFirstFrameGoesInTheTypedProtocol() {
        String connection = "L0SM9cOFvHcCIhw=";
        measure(() -> WebSocketEvents.load("send-message.json"), connection, "sendMessage", List.of(
                new Step("start frame posted", frame(connection, "\"type\":\"start\""), false),
                new Step("retrieval called (Kendra Retrieve)", ChatFirstFrameBenchmarkTest::isKendra, false),
                new Step("answer model called (Bedrock stream)", path("/model/anthropic."), false),
                new Step("first answer text posted", frame(connection, "\"type\":\"token\""), false),
                new Step("title model called", path("/model/mistral."), false),
                new Step("turn saved (Lambda Invoke)", path("/2015-03-31/functions/"), true)));
    }

    @Test
    void whereTheTimeToTheFirstFrameGoesInTheSeedProtocol() {
        String connection = "L0SQ1c3DvHcCFpw=";
        measure(ChatFirstFrameBenchmarkTest::seedNewConversation, connection, "getChatbotResponse", List.of(
                new Step("session looked up (Lambda Invoke)", path("/2015-03-31/functions/"), false),
                new Step("retrieval called (Kendra Retrieve)", ChatFirstFrameBenchmarkTest::isKendra, false),
                new Step("answer model called (Bedrock stream)", path("/model/anthropic."), false),
                new Step("first answer text posted", frame(connection, ""), false),
                new Step("title model called", path("/model/mistral."), false),
                new Step("turn saved (Lambda Invoke)", path("/2015-03-31/functions/"), true)));
    }

    private static void measure(Supplier<APIGatewayV2WebSocketEvent> event, String connection, String route, List<Step> steps) {
        try (StubAwsBackend aws = new StubAwsBackend()) {
            // given chat-fn's graph built as at init, with every client made then
            ChatComponent component = DaggerChatComponent.factory()
                    .create(new Environment(aws.lambdaEnvironment()), aws.server().clients());
            ChatHandler handler = new ChatHandler(component.chatEndpoint(), component.eventLog());
            for (int i = 0; i < WARM_UP; i++) {
                handler.handleRequest(event.get(), null);
            }

            // when
            List<List<Long>> micros = new ArrayList<>();
            steps.forEach(step -> micros.add(new ArrayList<>()));
            for (int run = 0; run < RUNS; run++) {
                int before = aws.server().requests().size();
                long started = System.nanoTime();
                handler.handleRequest(event.get(), null);
                List<StubAwsServer.Recorded> requests = aws.server().requests();
                List<StubAwsServer.Recorded> answer = requests.subList(before, requests.size());
                for (int i = 0; i < steps.size(); i++) {
                    micros.get(i).add((arrival(answer, steps.get(i)) - started) / 1_000);
                }
            }

            // then
            assertThat(aws.deletedOrEnded(connection)).as("every answer reached its end").isEqualTo(WARM_UP + RUNS);
            System.out.printf(Locale.ROOT, "BENCH time to first frame, warm chat-fn, new conversation (%s, in "
                    + "process, real SDK clients, instant local stubs; medians of %d after %d warm-up):%n", route,
                    RUNS, WARM_UP);
            long previous = 0;
            for (int i = 0; i < steps.size(); i++) {
                long median = micros.get(i).stream().sorted().skip(RUNS / 2).findFirst().orElseThrow();
                System.out.printf(Locale.ROOT, "BENCH   %-38s at %7.2f ms  (+%6.2f ms)%n", steps.get(i).name(),
                        median / 1000.0, (median - previous) / 1000.0);
                previous = median;
            }
        }
    }

    /**
     * The seed fixture as a seed client sends a new conversation's first question: with an empty chatHistory (a
     * history would start its rewrite beside the session read, a model call of its own).
     */
    private static APIGatewayV2WebSocketEvent seedNewConversation() {
        APIGatewayV2WebSocketEvent event = WebSocketEvents.load("get-chatbot-response.json");
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(event.getBody());
            ((ObjectNode) body.get("data")).putArray("chatHistory");
            event.setBody(body.toString());
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long arrival(List<StubAwsServer.Recorded> answer, Step step) {
        List<StubAwsServer.Recorded> matching = answer.stream().filter(step.marks()).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no request for: " + step.name());
        }
        return matching.get(step.last() ? matching.size() - 1 : 0).receivedNanos();
    }

    private static boolean isKendra(StubAwsServer.Recorded request) {
        return "AWSKendraFrontendService.Retrieve".equals(request.header("X-Amz-Target"));
    }

    private static Predicate<StubAwsServer.Recorded> path(String prefix) {
        return request -> request.path().startsWith(prefix);
    }

    private static Predicate<StubAwsServer.Recorded> frame(String connection, String containing) {
        return request -> request.method().equals("POST") && request.path().equals("/prod/@connections/" + connection)
                && request.body().contains(containing);
    }
}
