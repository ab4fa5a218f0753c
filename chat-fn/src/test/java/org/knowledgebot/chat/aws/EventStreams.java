package org.knowledgebot.chat.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** Binary {@code application/vnd.amazon.eventstream} frames as Bedrock Runtime sends them. */
final class EventStreams {
    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreams() {
    }

    /** An InvokeModelWithResponseStream {@code chunk} event wrapping one model chunk. */
    static byte[] chunk(String modelChunkJson) {
        String base64 = Base64.getEncoder().encodeToString(modelChunkJson.getBytes(StandardCharsets.UTF_8));
        return event("chunk", "{\"bytes\":\"" + base64 + "\"}");
    }

    /** A ConverseStream event such as {@code contentBlockDelta} or {@code messageStop}. */
    static byte[] event(String eventType, String payloadJson) {
        return message("event", eventType, payloadJson);
    }

    /** A modeled exception inside the stream, e.g. {@code modelStreamErrorException}. */
    static byte[] exception(String exceptionType, String payloadJson) {
        return message("exception", exceptionType, payloadJson);
    }

    /** A JSON message of {@code messageType} (event or exception) named in its {@code :<messageType>-type} header. */
    private static byte[] message(String messageType, String type, String payloadJson) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString(messageType));
        headers.put(":" + messageType + "-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return encode(headers, payloadJson);
    }

    /** Answers 200 with the frames, each written and flushed on its own like a live stream. */
    static StubAwsServer.Responder streaming(List<byte[]> frames) {
        return (request, exchange) -> {
            startStream(exchange);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte[] frame : frames) {
                    out.write(frame);
                    out.flush();
                }
            }
        };
    }

    static void startStream(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "0c7d3c1e-5f2a-4b8e-9d61-stream");
        exchange.getResponseHeaders().set("X-Amzn-Bedrock-Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
    }

    private static byte[] encode(Map<String, HeaderValue> headers, String payloadJson) {
        return new Message(headers, payloadJson.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
    }
}
