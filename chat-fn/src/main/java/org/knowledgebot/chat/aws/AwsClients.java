package org.knowledgebot.chat.aws;

import java.net.URI;
import java.util.function.Supplier;
import org.knowledgebot.core.config.Environment;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kendra.KendraClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds chat-fn's SDK clients; every call builds a new client, so callers keep them (chat-fn's Dagger module
 * holds each as a singleton of the execution environment). Sync clients share one JDK
 * URL-connection HTTP client (smallest cold start); the Bedrock streaming client needs the async Netty client,
 * pinned to HTTP/1.1, which is all InvokeModelWithResponseStream and ConverseStream need.
 *
 * <p>{@code endpointOverride} null means the SDK's normal resolution, which also honours
 * {@code AWS_ENDPOINT_URL} (used by the cold-start benchmark to reach its local stub).
 */
public final class AwsClients {
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpointOverride;
    private final SdkHttpClient httpClient;
    private final Supplier<SdkAsyncHttpClient> asyncHttpClients;

    public AwsClients(Region region, AwsCredentialsProvider credentials, URI endpointOverride) {
        this(region, credentials, endpointOverride, UrlConnectionHttpClient.create(),
                () -> NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build());
    }

    /** Clients over other HTTP clients (SnapStart priming answers every request in memory). */
    AwsClients(Region region, AwsCredentialsProvider credentials, URI endpointOverride, SdkHttpClient httpClient,
               Supplier<SdkAsyncHttpClient> asyncHttpClients) {
        this.region = region;
        this.credentials = credentials;
        this.endpointOverride = endpointOverride;
        this.httpClient = httpClient;
        this.asyncHttpClients = asyncHttpClients;
    }

    /**
     * Region from {@code AWS_REGION}, credentials from the default chain (under SnapStart it resolves the
     * container credentials after restore, never at init).
     */
    public static AwsClients forLambda(Environment environment) {
        return new AwsClients(Region.of(environment.required("AWS_REGION")),
                DefaultCredentialsProvider.builder().build(), null);
    }

    public KendraClient kendra() {
        return common(KendraClient.builder()).httpClient(httpClient).build();
    }

    public BedrockAgentRuntimeClient bedrockAgentRuntime() {
        return common(BedrockAgentRuntimeClient.builder()).httpClient(httpClient).build();
    }

    public S3Client s3() {
        // Path-style addressing only matters for a local endpoint, where bucket host names do not resolve.
        return common(S3Client.builder()).httpClient(httpClient).forcePathStyle(endpointOverride != null).build();
    }

    public DynamoDbClient dynamoDb() {
        return common(DynamoDbClient.builder()).httpClient(httpClient).build();
    }

    public LambdaClient lambda() {
        return common(LambdaClient.builder()).httpClient(httpClient).build();
    }

    /**
     * The Management API of one stage ({@code WEBSOCKET_API_ENDPOINT}). No SDK retries: a post that failed on a
     * 5xx may have reached the client; {@link ApiGatewayClientChannel} retries only "limit exceeded".
     */
    public ApiGatewayManagementApiClient managementApi(URI stageEndpoint) {
        return ApiGatewayManagementApiClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .endpointOverride(stageEndpoint)
                .overrideConfiguration(noRetries())
                .httpClient(httpClient)
                .build();
    }

    /** No SDK retries: the chat pipeline retries throttling before the first token only (docs/ARCHITECTURE.md, step 2). */
    public BedrockRuntimeAsyncClient bedrockRuntime() {
        return common(BedrockRuntimeAsyncClient.builder())
                .httpClient(asyncHttpClients.get())
                .overrideConfiguration(noRetries())
                .build();
    }

    private <B extends AwsClientBuilder<B, ?>> B common(B builder) {
        builder.region(region).credentialsProvider(credentials);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder;
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }
}
