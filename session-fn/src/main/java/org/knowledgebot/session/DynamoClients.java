package org.knowledgebot.session;

import java.net.URI;
import org.knowledgebot.aws.LambdaSdkClients;
import org.knowledgebot.core.config.Environment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The DynamoDB client of a function (session-fn, admin-fn), built once per execution environment. */
public final class DynamoClients {
    private DynamoClients() {
    }

    /**
     * A function's client ({@link LambdaSdkClients}); AWS_ENDPOINT_URL_DYNAMODB (the SDK's own variable name) points
     * it elsewhere for local runs, tests and the benchmark.
     */
    public static DynamoDbClient fromEnvironment(Environment environment) {
        DynamoDbClientBuilder builder = LambdaSdkClients.configure(DynamoDbClient.builder(), environment);
        environment.optional("AWS_ENDPOINT_URL_DYNAMODB").map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
