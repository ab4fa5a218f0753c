package org.knowledgebot.session;

import java.net.URI;
import org.knowledgebot.core.config.Environment;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The DynamoDB client of a function (session-fn, admin-fn), built once per execution environment. */
public final class DynamoClients {
    private DynamoClients() {
    }

    /**
     * AWS_REGION is set by Lambda; credentials come from the default chain (environment in Lambda, container
     * credentials under SnapStart); AWS_ENDPOINT_URL_DYNAMODB (the SDK's own variable name) points it elsewhere
     * for local runs, tests and the benchmark.
     */
    public static DynamoDbClient fromEnvironment(Environment environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(environment.required("AWS_REGION")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create());
        environment.optional("AWS_ENDPOINT_URL_DYNAMODB").map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
