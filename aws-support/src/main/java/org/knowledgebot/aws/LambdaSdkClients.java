package org.knowledgebot.aws;

import org.knowledgebot.core.config.Environment;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every synchronous SDK client of a function shares: the region from {@code AWS_REGION} (Lambda sets it),
 * credentials from the default chain (the environment in Lambda; under SnapStart the container credentials,
 * resolved after restore, never at init) and the JDK URL-connection HTTP client, which starts fastest.
 */
public final class LambdaSdkClients {
    private LambdaSdkClients() {
    }

    /** The builder with those defaults set; the caller adds what its service needs and builds it. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
                                                                                                  Environment environment) {
        return builder.region(Region.of(environment.required("AWS_REGION")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create());
    }
}
