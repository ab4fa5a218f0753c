package org.knowledgebot.chat.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * An HTTP client that answers every chat-fn call in memory with a minimal well-formed response, so SnapStart
 * priming can run the SDK's whole request path (marshalling, endpoint rules, signing, unmarshalling, event-stream
 * decoding) before the snapshot without a single network call. Never used to serve real requests.
 */
final class OfflineHttpClient implements SdkHttpClient, SdkAsyncHttpClient {
    private final List<String> answered = new CopyOnWriteArrayList<>();

    /** What was answered, one "METHOD path" (plus the JSON target, if any) per request. */
    List<String> answered() {
        return List.copyOf(answered);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Answer answer = answer(request.httpRequest());
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(answer.response())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                        .build();
            }

            @Override
            public void abort() {
                // Answered from memory: nothing in flight to abort.
            }
        };
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        Answer answer = answer(request.request());
        request.responseHandler().onHeaders(answer.response());
        request.responseHandler().onStream(new SingleBufferPublisher(answer.body()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String clientName() {
        return "Offline";
    }

    @Override
    public void close() {
        // Holds no connections.
    }

    private record Answer(SdkHttpResponse response, byte[] body) {
    }

    private Answer answer(SdkHttpRequest request) {
        String path = request.encodedPath();
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        answered.add((request.method() + " " + path + " " + target).trim());
        if (!target.isEmpty()) {
            return answer(200, "application/x-amz-json-1.1", "{\"QueryId\":\"priming\",\"ResultItems\":[{\"Id\":\"1\","
                    + "\"DocumentId\":\"d\",\"DocumentTitle\":\"t\",\"DocumentURI\":\"https://example.org/d\","
                    + "\"Content\":\"c\",\"ScoreAttributes\":{\"ScoreConfidence\":\"HIGH\"}}]}");
        }
        if (path.contains("/knowledgebases/")) {
            return answer(200, "application/json", "{\"retrievalResults\":[{\"content\":{\"text\":\"c\"},"
                    + "\"location\":{\"type\":\"S3\",\"s3Location\":{\"uri\":\"s3://b/d.txt\"}},\"score\":0.5}]}");
        }
        if (path.endsWith("/invocations")) {
            return answer(200, "application/json", "{\"statusCode\":200,\"body\":\"{}\"}");
        }
        if (path.endsWith("/converse-stream")) {
            return eventStream(List.of(
                    event("messageStart", "{\"role\":\"assistant\"}"),
                    event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"ok\"}}"),
                    event("messageStop", "{\"stopReason\":\"end_turn\"}"),
                    event("metadata", "{\"usage\":{\"inputTokens\":1,\"outputTokens\":1,\"totalTokens\":2}}")));
        }
        if (path.endsWith("/invoke")) {
            return answer(200, "application/json", path.contains("anthropic.")
                    ? "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"
                    : "{\"outputs\":[{\"text\":\"ok\",\"stop_reason\":\"stop\"}]}");
        }
        if (path.endsWith("/invoke-with-response-stream")) {
            List<String> chunks = path.contains("anthropic.")
                    ? List.of("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}",
                            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}",
                            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}",
                            "{\"type\":\"message_stop\"}")
                    : List.of("{\"outputs\":[{\"text\":\"ok\",\"stop_reason\":\"stop\"}]}");
            List<byte[]> events = new ArrayList<>();
            for (String chunk : chunks) {
                String base64 = Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8));
                events.add(event("chunk", "{\"bytes\":\"" + base64 + "\"}"));
            }
            return eventStream(events);
        }
        return answer(200, "text/plain", "priming");
    }

    private static Answer answer(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Answer(SdkHttpResponse.builder().statusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .putHeader("x-amzn-RequestId", "priming")
                .build(), bytes);
    }

    private static Answer eventStream(List<byte[]> events) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        events.forEach(body::writeBytes);
        return new Answer(SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Type", "application/vnd.amazon.eventstream")
                .putHeader("x-amzn-RequestId", "priming")
                .build(), body.toByteArray());
    }

    private static byte[] event(String eventType, String payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
    }

    /** Publishes one buffer, then completes, honouring demand. */
    private static final class SingleBufferPublisher implements Publisher<ByteBuffer> {
        private final byte[] body;

        SingleBufferPublisher(byte[] body) {
            this.body = body;
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            AtomicBoolean done = new AtomicBoolean();
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (n > 0 && done.compareAndSet(false, true)) {
                        subscriber.onNext(ByteBuffer.wrap(body));
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    done.set(true);
                }
            });
        }
    }
}
