package org.knowledgebot.chat.aws;

import static org.knowledgebot.chat.aws.StubAwsServer.json;
import static org.knowledgebot.chat.aws.StubAwsServer.restJson;
import static org.knowledgebot.chat.aws.StubAwsServer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.session.InvokeEnvelope;
import org.knowledgebot.core.session.SessionProtocol;
import org.knowledgebot.core.session.SessionResponse;

/**
 * Every AWS service chat-fn calls, answered instantly by one {@link StubAwsServer} with realistic responses:
 * the prompt object, the session function, Kendra, the Bedrock knowledge base, Bedrock (Claude answers, Mistral titles and rewrites) and
 * the @connections API of stage {@code prod}. Used by the graph test and the cold-start benchmark.
 */
public final class StubAwsBackend implements AutoCloseable {
    public static final String PROMPT_BUCKET = "chatbot-prompts-prod";
    public static final String SESSION_FUNCTION = "chatbot-prod-session";
    public static final String SYSTEM_PROMPT = "You are the Riverton city assistant. Answer from the knowledge only.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubAwsServer server = StubAwsServer.start().routing(this::route);
    /** The usage counters' items (a DynamoDB table keyed by user and window): key JSON to count. */
    private final java.util.Map<String, Long> usageCounts = new java.util.concurrent.ConcurrentHashMap<>();

    public static final String USAGE_TABLE = "knowledgebot-prod-usage";

    public StubAwsServer server() {
        return server;
    }

    /** chat-fn's environment with every endpoint on this stub; the SDK reads AWS_ENDPOINT_URL itself. */
    public Map<String, String> lambdaEnvironment() {
        return Map.ofEntries(
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "AKIDSTUBEXAMPLE"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "stub-secret-key"),
                Map.entry("AWS_ENDPOINT_URL", server.endpoint().toString()),
                Map.entry("WEBSOCKET_API_ENDPOINT", server.endpoint() + "/prod"),
                Map.entry("PROMPT_DATA_BUCKET_NAME", PROMPT_BUCKET),
                Map.entry("SESSION_HANDLER", SESSION_FUNCTION),
                Map.entry("INDEX_ID", "6d3c1a2b-4e5f-4a7b-8c9d-0e1f2a3b4c5d"),
                Map.entry("USAGE_TABLE_NAME", USAGE_TABLE),
                Map.entry("STAGE", "prod"));
    }

    /** Frames posted to {@code connectionId}, in order. */
    public List<String> framesPostedTo(String connectionId) {
        List<String> frames = new ArrayList<>();
        for (StubAwsServer.Recorded request : server.requests()) {
            if (request.method().equals("POST") && request.path().equals("/prod/@connections/" + connectionId)) {
                frames.add(request.body());
            }
        }
        return frames;
    }

    /** Answers that reached their end on {@code connectionId}: a typed end frame, or the seed's close. */
    public int deletedOrEnded(String connectionId) {
        return (int) server.requests().stream().filter(request -> request.path().equals("/prod/@connections/"
                + connectionId) && (request.method().equals("DELETE") || request.body().contains("\"type\":\"end\"")))
                .count();
    }

    public boolean deleted(String connectionId) {
        return server.requests().stream().anyMatch(request -> request.method().equals("DELETE")
                && request.path().equals("/prod/@connections/" + connectionId));
    }

    /** The session operations the session function was asked for, in order. */
    public List<JsonNode> sessionOperations() {
        List<JsonNode> operations = new ArrayList<>();
        for (StubAwsServer.Recorded request : server.requests()) {
            if (request.path().startsWith("/2015-03-31/functions/")) {
                operations.add(readJson(InvokeEnvelope.bodyOf(request.body()).orElseThrow()));
            }
        }
        return operations;
    }

    private StubAwsServer.Responder route(StubAwsServer.Recorded request) {
        String path = request.path();
        if ("DynamoDB_20120810.UpdateItem".equals(request.header("X-Amz-Target"))) {
            JsonNode update = readJson(request.body());
            long count = usageCounts.merge(update.path("Key").toString(),
                    update.at("/ExpressionAttributeValues/:amount/N").asLong(), Long::sum);
            return json(200, "{\"Attributes\":{\"count\":{\"N\":\"" + count + "\"}}}");
        }
        if ("DynamoDB_20120810.GetItem".equals(request.header("X-Amz-Target"))) {
            Long count = usageCounts.get(readJson(request.body()).path("Key").toString());
            return json(200, count == null ? "{}" : "{\"Item\":{\"count\":{\"N\":\"" + count + "\"}}}");
        }
        if ("AWSKendraFrontendService.Retrieve".equals(request.header("X-Amz-Target"))) {
            return json(200, Fixtures.read("aws/kendra-retrieve-response.json"));
        }
        if (path.startsWith("/knowledgebases/")) {
            return restJson(200, Fixtures.read("aws/kb-retrieve-response.json"));
        }
        if (path.equals("/" + PROMPT_BUCKET + "/system-prompt.txt")) {
            return text(200, "text/plain", SYSTEM_PROMPT);
        }
        if (path.equals("/2015-03-31/functions/" + SESSION_FUNCTION + "/invocations")) {
            return restJson(200, sessionAnswer(request.body()));
        }
        if (path.startsWith("/model/anthropic.")) {
            return EventStreams.streaming(frames("aws/anthropic-stream-chunks.jsonl"));
        }
        if (path.startsWith("/model/mistral.")) {
            return restJson(200, Fixtures.read("aws/mistral-invoke-response.json"));
        }
        if (path.startsWith("/prod/@connections/")) {
            return restJson(request.method().equals("DELETE") ? 204 : 200, "");
        }
        return null;
    }

    private static String sessionAnswer(String invokePayload) {
        JsonNode body = readJson(InvokeEnvelope.bodyOf(invokePayload).orElseThrow());
        String sessionId = body.path("session_id").asText();
        String answer = switch (body.path("operation").asText()) {
            case SessionProtocol.GET_SESSION, SessionProtocol.GET_RECENT_TURNS -> SessionProtocol.absentSessionBody();
            case SessionProtocol.UPDATE_SESSION -> SessionProtocol.updatedBody(sessionId);
            default -> "[]";
        };
        return InvokeEnvelope.response(new SessionResponse(200, answer));
    }

    private static List<byte[]> frames(String resource) {
        return Fixtures.read(resource).lines().filter(line -> !line.isBlank()).map(EventStreams::chunk).toList();
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
