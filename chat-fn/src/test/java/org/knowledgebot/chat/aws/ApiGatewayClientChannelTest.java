package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knowledgebot.chat.aws.StubAwsServer.restJson;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.port.ClientGoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

class ApiGatewayClientChannelTest {
    private static final String CONNECTION = "L0SM9cOFvHcCIhw=";
    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final ApiGatewayManagementApiClient client =
            stub.closing(stub.clients().managementApi(URI.create(stub.endpoint() + "/prod")));
    private final List<Duration> pauses = new ArrayList<>();
    private final ApiGatewayClientChannel channel = new ApiGatewayClientChannel(client, pauses::add);

    @Test
    void postsTheFrameToTheConnectionOfTheStage() {
        // given
        stub.then(restJson(200, ""));

        // when
        channel.send(CONNECTION, "{\"type\":\"token\",\"requestId\":\"r-1\",\"text\":\"Grüße \uD83D\uDE00\"}");

        // then
        StubAwsServer.Recorded request = stub.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/prod/@connections/" + CONNECTION);
        assertThat(request.body()).isEqualTo("{\"type\":\"token\",\"requestId\":\"r-1\",\"text\":\"Grüße \uD83D\uDE00\"}");
        assertThat(request.header("Authorization")).contains("/us-east-1/execute-api/aws4_request");
    }

    @Test
    void aGoneConnectionMeansTheClientIsGoneAndIsNotRetried() {
        // given
        stub.then(restJson(410, "{\"message\":null}", "x-amzn-ErrorType", "GoneException"));

        // when / then
        assertThatThrownBy(() -> channel.send(CONNECTION, "piece"))
                .isInstanceOf(ClientGoneException.class)
                .hasMessageContaining(CONNECTION);
        assertThat(stub.requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void limitExceededIsRetriedWithGrowingBackoffUntilTheFrameGoesThrough() {
        // given
        stub.then(restJson(429, "{\"message\":\"Rate exceeded\"}", "x-amzn-ErrorType", "LimitExceededException"))
                .then(restJson(429, "{\"message\":\"Rate exceeded\"}", "x-amzn-ErrorType", "LimitExceededException"))
                .then(restJson(200, ""));

        // when
        channel.send(CONNECTION, "piece");

        // then
        assertThat(stub.requests()).hasSize(3).allSatisfy(request -> assertThat(request.body()).isEqualTo("piece"));
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void limitExceededOnEveryAttemptGivesUpAfterFourAttempts() {
        // given
        for (int i = 0; i < 5; i++) {
            stub.then(restJson(429, "{\"message\":\"Rate exceeded\"}", "x-amzn-ErrorType", "LimitExceededException"));
        }

        // when / then
        assertThatThrownBy(() -> channel.send(CONNECTION, "piece"))
                .isInstanceOf(ApiGatewayClientChannel.FrameDeliveryException.class);
        assertThat(stub.requests()).hasSize(4);
    }

    @Test
    void disconnectDeletesTheConnectionAndAnAlreadyGoneOneIsFine() {
        // given
        stub.then(restJson(204, "")).then(restJson(410, "{\"message\":null}", "x-amzn-ErrorType", "GoneException"));

        // when
        channel.disconnect(CONNECTION);
        assertThatCode(() -> channel.disconnect(CONNECTION)).doesNotThrowAnyException();

        // then
        assertThat(stub.requests()).extracting(StubAwsServer.Recorded::method).containsExactly("DELETE", "DELETE");
        assertThat(stub.requests().get(0).path()).isEqualTo("/prod/@connections/" + CONNECTION);
    }
}
