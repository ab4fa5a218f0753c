package org.knowledgebot.chat;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.knowledgebot.chat.aws.ApiGatewayClientChannel;
import org.knowledgebot.chat.aws.AwsClients;
import org.knowledgebot.chat.aws.DynamoUsageCounters;
import org.knowledgebot.chat.aws.DynamoUsageLedger;
import org.knowledgebot.chat.aws.LambdaSessionStore;
import org.knowledgebot.chat.aws.S3PromptSource;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.port.UsageCounters;
import org.knowledgebot.core.usage.UsageLedger;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Binds shared-core's ports to the AWS adapters. Every binding is a singleton of the execution environment;
 * a client is only built when an adapter needs it (the unused retriever's client never is).
 */
@Module
public final class AwsChatModule {
    static final String USAGE_TABLE = "USAGE_TABLE_NAME";

    private AwsChatModule() {
    }

    @Provides
    @Singleton
    static ChatFunctionConfig config(Environment environment) {
        return ChatFunctionConfig.from(environment);
    }

    /** The usage table's client, shared by the limit counters and the usage counts. */
    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(AwsClients clients) {
        return clients.dynamoDb();
    }

    /** Only asked for when a limit is set; then {@code USAGE_TABLE_NAME} is required. */
    @Provides
    @Singleton
    static UsageCounters usageCounters(Environment environment, DynamoDbClient dynamo) {
        return new DynamoUsageCounters(dynamo, environment.required(USAGE_TABLE));
    }

    /**
     * Every question is counted for the operators' usage report, in the same table ({@code USAGE_TABLE_NAME}; every
     * stage sets it). Without it nothing is counted, so the function still runs as a drop-in for the original one,
     * whose environment has no such table.
     */
    @Provides
    @Singleton
    static UsageLedger usageLedger(Environment environment, Provider<DynamoDbClient> dynamo) {
        return environment.optional(USAGE_TABLE)
                .<UsageLedger>map(table -> new DynamoUsageLedger(dynamo.get(), table))
                .orElse(usage -> { });
    }

    @Provides
    @Singleton
    static BedrockRuntimeAsyncClient bedrockRuntime(AwsClients clients) {
        return clients.bedrockRuntime();
    }

    @Provides
    @Singleton
    static Retriever retriever(ChatFunctionConfig config, AwsClients clients) {
        return config.retrieval().retriever(clients);
    }

    @Provides
    @Singleton
    static AnswerModels answerModels(ChatFunctionConfig config, BedrockRuntimeAsyncClient bedrock) {
        return config.models().answerModels(bedrock);
    }

    @Provides
    @Singleton
    @Named("rewrite")
    static ChatModel rewriteModel(ChatFunctionConfig config, BedrockRuntimeAsyncClient bedrock) {
        return config.models().rewriteModel(bedrock);
    }

    @Provides
    @Singleton
    static SessionStore sessionStore(ChatFunctionConfig config, AwsClients clients, EventLog eventLog) {
        return new LambdaSessionStore(clients.lambda(), config.sessionFunction(), eventLog);
    }

    @Provides
    @Singleton
    static PromptSource promptSource(ChatFunctionConfig config, AwsClients clients, Clock clock) {
        return new S3PromptSource(clients.s3(), config.promptBucket(), config.promptKey(), config.promptCacheTtl(), clock);
    }

    @Provides
    @Singleton
    static ClientChannel clientChannel(ChatFunctionConfig config, AwsClients clients) {
        return new ApiGatewayClientChannel(clients.managementApi(config.websocketApiEndpoint()));
    }
}
