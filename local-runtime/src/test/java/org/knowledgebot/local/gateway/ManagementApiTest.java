package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.chat.aws.ApiGatewayClientChannel;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.local.RunningChatbot;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/** The @connections API answers like API Gateway's, proven with the real AWS SDK client and chat-fn's real channel. */
class ManagementApiTest {
    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());
    private static ApiGatewayManagementApiClient sdk;

    @BeforeAll
    static void buildSdkClient() {
        sdk = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(chatbot.runtime().baseUri() + "/socket"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "not-a-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void closeSdkClient() {
        sdk.close();
    }

    private static final Set<String> SEEN = new HashSet<>();

    /** The id of the connection just opened: the one id not seen before (registration completes right after the handshake). */
    private static String newConnectionId() throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            Set<String> fresh = new HashSet<>(chatbot.runtime().connections().openIds());
            fresh.removeAll(SEEN);
            if (fresh.size() == 1) {
                String id = fresh.iterator().next();
                SEEN.add(id);
                return id;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no new connection registered");
    }

    @Test
    void chatFnsApiGatewayChannelPostsFramesAndDeletesTheConnection() throws InterruptedException {
        try (WsClient client = chatbot.connect()) {
            // given
            String connectionId = newConnectionId();
            ApiGatewayClientChannel channel = new ApiGatewayClientChannel(sdk);

            // when
            channel.send(connectionId, "{\"type\":\"token\",\"text\":\"hello from @connections\"}");
            channel.disconnect(connectionId);

            // then
            assertThat(client.next()).isEqualTo("{\"type\":\"token\",\"text\":\"hello from @connections\"}");
            assertThat(client.closeCode()).isEqualTo(1000);
            assertThatThrownBy(() -> channel.send(connectionId, "too late")).isInstanceOf(ClientGoneException.class);
        }
    }

    @Test
    void getConnectionDescribesTheCallerAndAGoneConnectionIs410() throws InterruptedException {
        try (WsClient client = chatbot.connect()) {
            // given
            String connectionId = newConnectionId();

            // when
            GetConnectionResponse connection = sdk.getConnection(request -> request.connectionId(connectionId));

            // then
            assertThat(connection.identity().sourceIp()).isEqualTo("127.0.0.1");
            assertThat(connection.identity().userAgent()).contains("Java-http-client");
            assertThat(connection.connectedAt()).isNotNull();
            assertThat(connection.lastActiveAt()).isAfterOrEqualTo(connection.connectedAt());
            sdk.deleteConnection(request -> request.connectionId(connectionId));
            assertThat(client.closeCode()).isEqualTo(1000);
            assertThatThrownBy(() -> sdk.getConnection(request -> request.connectionId(connectionId)))
                    .isInstanceOf(GoneException.class);
        }
    }

    @Test
    void aFrameOver32KbIsRefusedLikePostToConnectionDoes() throws InterruptedException {
        try (WsClient client = chatbot.connect()) {
            // given
            String connectionId = newConnectionId();

            // when / then
            assertThatThrownBy(() -> sdk.postToConnection(request -> request.connectionId(connectionId)
                    .data(SdkBytes.fromUtf8String("x".repeat(32 * 1024 + 1)))))
                    .isInstanceOf(PayloadTooLargeException.class);
            assertThatThrownBy(() -> chatbot.runtime().connections().send(connectionId, "é".repeat(16 * 1024 + 1)))
                    .isInstanceOf(org.knowledgebot.local.gateway.PayloadTooLargeException.class);
            assertThat(client.receivesWithin(java.time.Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void anUnknownConnectionIsGoneWithApiGatewaysErrorType() throws Exception {
        // when
        HttpResponse<String> response = chatbot.post("/socket/@connections/bm90LWEtY29ubmVjdGlvbg%3D%3D", "frame", null);

        // then
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
    }
}
