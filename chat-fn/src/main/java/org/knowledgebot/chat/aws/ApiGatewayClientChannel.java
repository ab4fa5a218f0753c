package org.knowledgebot.chat.aws;

import java.time.Duration;
import org.knowledgebot.core.pipeline.Sleeper;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.ClientGoneException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;

/**
 * Frames to WebSocket clients through the API Gateway Management API ({@code POST/DELETE @connections/{id}}).
 * The client should be built without SDK retries: a PostToConnection that failed on a 5xx may have been
 * delivered, so only the explicit "slow down" answer (LimitExceededException, 429) is retried here, with
 * exponential backoff.
 */
public final class ApiGatewayClientChannel implements ClientChannel {
    static final int MAX_ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private final ApiGatewayManagementApiClient client;
    private final Sleeper sleeper;

    public ApiGatewayClientChannel(ApiGatewayManagementApiClient client) {
        this(client, Sleeper.system());
    }

    public ApiGatewayClientChannel(ApiGatewayManagementApiClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    @Override
    public void send(String connectionId, String frame) {
        SdkBytes data = SdkBytes.fromUtf8String(frame);
        Duration wait = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                client.postToConnection(request -> request.connectionId(connectionId).data(data));
                return;
            } catch (GoneException e) {
                throw new ClientGoneException(connectionId);
            } catch (LimitExceededException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new FrameDeliveryException("API Gateway kept refusing frames (limit exceeded)", e);
                }
                pause(wait, e);
                wait = wait.multipliedBy(2);
            } catch (SdkException e) {
                throw new FrameDeliveryException("a frame could not be delivered to the client", e);
            }
        }
    }

    @Override
    public void disconnect(String connectionId) {
        try {
            client.deleteConnection(request -> request.connectionId(connectionId));
        } catch (GoneException e) {
            // Already closed by the client or by API Gateway: nothing left to do.
        } catch (SdkException e) {
            throw new FrameDeliveryException("the connection could not be closed", e);
        }
    }

    private void pause(Duration wait, LimitExceededException cause) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FrameDeliveryException("interrupted while waiting to resend a frame", cause);
        }
    }

    /** The Management API failed for another reason than a gone client. */
    public static final class FrameDeliveryException extends RuntimeException {
        FrameDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
