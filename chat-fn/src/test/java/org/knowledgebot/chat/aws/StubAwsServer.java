package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kendra.KendraClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A local stand-in for AWS endpoints: records every request and answers with queued responses, so the real
 * SDK clients can be tested against the services' wire formats on 127.0.0.1 without an account. As a test's
 * {@code @RegisterExtension} field it stops after each test, closing the clients made {@link #closing} with it.
 */
public final class StubAwsServer implements AutoCloseable, AfterEachCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * One request as the SDK sent it; {@code path} is URL-decoded, header names are lower case, and
     * {@code receivedNanos} is when its body had arrived ({@link System#nanoTime()}).
     */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String body,
                           long receivedNanos) {
        /** The body read as JSON; fails the test when it is not. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the request body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @FunctionalInterface
    public interface Responder {
        void respond(Recorded request, HttpExchange exchange) throws IOException;
    }

    /** What every client of the stub signs with: fake, static, never a real account's. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUBEXAMPLE", "stub-secret-key"));

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Responder> responders = new LinkedBlockingQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, AutoCloseable> sharedClients = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Function<Recorded, Responder> router;

    static {
        // The JDK server writes a response's headers and body apart; without TCP_NODELAY the client's delayed
        // ACK holds the body ~40 ms, which would dwarf every timing the benchmarks take through this stub.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private StubAwsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static StubAwsServer start() {
        try {
            return new StubAwsServer();
        } catch (IOException e) {
            throw new IllegalStateException("the stub server could not start", e);
        }
    }

    /** An {@link AwsClients} whose every client talks to this stub with fake static credentials. */
    public AwsClients clients() {
        return new AwsClients(Region.US_EAST_1, CREDENTIALS, endpoint());
    }

    /** The stub's one Bedrock Runtime client (made on first use, closed when this stub stops), as chat-fn builds it. */
    public BedrockRuntimeAsyncClient bedrockRuntime() {
        return shared(BedrockRuntimeAsyncClient.class, () -> clients().bedrockRuntime());
    }

    public BedrockAgentRuntimeClient bedrockAgentRuntime() {
        return shared(BedrockAgentRuntimeClient.class, () -> clients().bedrockAgentRuntime());
    }

    public KendraClient kendra() {
        return shared(KendraClient.class, () -> clients().kendra());
    }

    public LambdaClient lambda() {
        return shared(LambdaClient.class, () -> clients().lambda());
    }

    public DynamoDbClient dynamoDb() {
        return shared(DynamoDbClient.class, () -> clients().dynamoDb());
    }

    private <C extends AutoCloseable> C shared(Class<C> type, Supplier<C> open) {
        return type.cast(sharedClients.computeIfAbsent(type, key -> closing(open.get())));
    }

    /** The client, closed when this stub stops. */
    public <C extends AutoCloseable> C closing(C client) {
        clients.add(client);
        return client;
    }

    /**
     * A client of any service's builder against this stub (us-east-1, fake static credentials, the JDK HTTP client,
     * as a function builds it), closed when this stub stops; for adapters whose client {@link AwsClients} does not make.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C client(B builder) {
        return closing(builder.region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint()).build());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues the answer to the next unanswered request. */
    public StubAwsServer then(Responder responder) {
        responders.add(responder);
        return this;
    }

    /**
     * Answers every request that has no queued response through {@code router}, for tests whose calls run
     * concurrently (e.g. a whole answer: prompt, session, retrieval and model in parallel).
     */
    public StubAwsServer routing(Function<Recorded, Responder> router) {
        this.router = router;
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The one request, which must be a JSON {@code POST} to {@code path}, as every Bedrock Runtime call is. */
    public Recorded onlyJsonPost(String path) {
        Recorded request = onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        return request;
    }

    public Recorded onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request but got " + requests.size());
        }
        return requests.get(0);
    }

    public static Responder json(int status, String body, String... headerNameValues) {
        return text(status, "application/x-amz-json-1.1", body, headerNameValues);
    }

    public static Responder restJson(int status, String body, String... headerNameValues) {
        return text(status, "application/json", body, headerNameValues);
    }

    public static Responder xml(int status, String body, String... headerNameValues) {
        return text(status, "application/xml", body, headerNameValues);
    }

    public static Responder text(int status, String contentType, String body, String... headerNameValues) {
        return (request, exchange) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("x-amzn-RequestId", "5f2c9e7a-stub-request");
            for (int i = 0; i + 1 < headerNameValues.length; i += 2) {
                exchange.getResponseHeaders().set(headerNameValues[i], headerNameValues[i + 1]);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT),
                            entry -> String.join(",", entry.getValue()), (a, b) -> a));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body, System.nanoTime());
            requests.add(request);
            Responder responder = responders.poll();
            if (responder == null && router != null) {
                responder = router.apply(request);
            }
            if (responder == null) {
                text(500, "text/plain", "no stub response queued").respond(request, exchange);
                return;
            }
            responder.respond(request, exchange);
        } catch (IOException | RuntimeException e) {
            // The client went away mid-response (e.g. a cancelled stream): nothing to answer any more.
        }
    }

    @Override
    public void close() {
        if (stopped.getAndSet(true)) {
            return;
        }
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                throw new IllegalStateException("a client of the stub did not close", e);
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
