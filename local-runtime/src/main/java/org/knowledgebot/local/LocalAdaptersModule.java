package org.knowledgebot.local;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;
import org.knowledgebot.chat.AnswerModelSettings;
import org.knowledgebot.chat.RetrieverSettings;
import org.knowledgebot.chat.aws.AwsClients;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.limits.InMemoryUsageCounters;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.port.UsageCounters;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.gateway.LocalConnections;
import org.knowledgebot.local.model.OfflineAnswerModel;
import org.knowledgebot.local.model.OfflineRewriteModel;
import org.knowledgebot.local.model.OpenAiCompatibleChatModel;
import org.knowledgebot.local.prompt.FilePromptSource;
import org.knowledgebot.local.retrieval.ConfidenceMapping;
import org.knowledgebot.local.retrieval.EmbeddingCache;
import org.knowledgebot.local.retrieval.HybridRetriever;
import org.knowledgebot.local.retrieval.KnowledgeFolder;
import org.knowledgebot.local.retrieval.MiniLmEmbedder;
import org.knowledgebot.local.retrieval.TextEmbedder;
import org.knowledgebot.local.session.SqliteSessionStore;
import org.knowledgebot.session.DynamoSessionStore;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The adapters CoreModule needs, chosen by {@link LocalSettings}: embedded ones by default (Lucene, the offline
 * models, SQLite, a prompt file, the local sockets), or chat-fn's and session-fn's real AWS adapters in hybrid
 * mode, wired as chat-fn wires them ({@link RetrieverSettings}, {@link AnswerModelSettings}) from the same
 * variables. AWS clients are only built when a setting asks for them, so the default needs no AWS configuration.
 */
@Module
public final class LocalAdaptersModule {
    public static final String DEFAULT_MODEL_ALIAS = AnswerModelSettings.DEFAULT_MODEL_ALIAS;
    /** How often the Lucene index checks the knowledge folder for changes. */
    static final Duration KNOWLEDGE_RECHECK = Duration.ofSeconds(1);

    private LocalAdaptersModule() {
    }

    /** The merged flags and variables, read by SettingsModule for the shared chat settings and limits as in Lambda. */
    @Provides
    static Environment environment(LocalSettings settings) {
        return settings.environment();
    }

    /** One process holds every connection, so its memory counts every message (users are counted by id). */
    @Provides
    @Singleton
    static UsageCounters usageCounters(Clock clock) {
        return new InMemoryUsageCounters(clock);
    }

    @Provides
    static ClientChannel clientChannel(LocalConnections connections) {
        return connections;
    }

    @Provides
    @Singleton
    static AwsClients awsClients(LocalSettings settings) {
        return new AwsClients(region(settings.environment()), DefaultCredentialsProvider.builder().build(), null);
    }

    /** One streaming client (and so one Netty event loop) shared by the answer and the rewrite model. */
    @Provides
    @Singleton
    static BedrockRuntimeAsyncClient bedrockRuntime(AwsClients aws) {
        return aws.bedrockRuntime();
    }

    /**
     * The embedding model and the vectors of the knowledge, cached in the data folder; shared by the local retriever
     * and the offline answer model, which ranks the sentences it quotes with them. Built only when one needs it.
     */
    @Provides
    @Singleton
    static EmbeddingCache embeddings(LocalSettings settings) {
        return new EmbeddingCache(MiniLmEmbedder.shared(settings.dataDir()), settings.dataDir());
    }

    @Provides
    @Singleton
    static Retriever retriever(LocalSettings settings, @Named("knowledgeBaseUrl") String knowledgeBaseUrl, Clock clock,
                               Lazy<AwsClients> aws, Lazy<EmbeddingCache> embeddings) {
        Environment env = settings.environment();
        return switch (settings.retriever()) {
            case LUCENE -> new HybridRetriever(new KnowledgeFolder(settings.knowledgeDir(), knowledgeBaseUrl),
                    embeddings.get(), env.integer("PAGE_SIZE", 12, 1, 100), ConfidenceMapping.CALIBRATED, clock,
                    KNOWLEDGE_RECHECK);
            case KENDRA -> RetrieverSettings.from(env, RetrieverSettings.Kind.KENDRA).retriever(aws.get());
            case KNOWLEDGE_BASE -> RetrieverSettings.from(env, RetrieverSettings.Kind.KNOWLEDGE_BASE).retriever(aws.get());
        };
    }

    /** The offline model splits a question into at most QUESTION_PARTS parts, as KnowledgeLookup retrieves it. */
    @Provides
    @Singleton
    static AnswerModels answerModels(LocalSettings settings, ChatSettings chat, Lazy<BedrockRuntimeAsyncClient> bedrock,
                                     Lazy<EmbeddingCache> embeddings) {
        return switch (settings.model()) {
            case OFFLINE -> named(new OfflineAnswerModel(settings.offlinePace(), (question, text) ->
                    TextEmbedder.cosine(embeddings.get().vector(question), embeddings.get().vector(text)),
                    chat.questionParts()), "offline");
            case OPENAI -> named(openAi(settings), settings.openAiModel());
            case BEDROCK -> AnswerModelSettings.from(settings.environment()).answerModels(bedrock.get());
        };
    }

    @Provides
    @Singleton
    @Named("rewrite")
    static ChatModel rewriteModel(LocalSettings settings, Lazy<BedrockRuntimeAsyncClient> bedrock) {
        return switch (settings.model()) {
            case OFFLINE -> new OfflineRewriteModel();
            case OPENAI -> openAi(settings);
            case BEDROCK -> AnswerModelSettings.from(settings.environment()).rewriteModel(bedrock.get());
        };
    }

    @Provides
    @Singleton
    static SessionStore sessionStore(LocalSettings settings, Clock clock) {
        return switch (settings.sessions()) {
            case SQLITE -> new SqliteSessionStore(settings.dataDir().resolve("sessions.db"), clock);
            case DYNAMODB -> new DynamoSessionStore(sessionsDynamoDb(settings),
                    settings.environment().required("SESSIONS_TABLE_NAME"), clock);
        };
    }

    /** The DynamoDB client of {@code LOCAL_SESSIONS=dynamodb}: the environment's region and credentials. */
    public static DynamoDbClient sessionsDynamoDb(LocalSettings settings) {
        return DynamoDbClient.builder()
                .region(region(settings.environment()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Provides
    @Singleton
    static PromptSource promptSource(LocalSettings settings) {
        return new FilePromptSource(settings.promptFile().orElse(null));
    }

    /** The one answer model, under the name the usage report counts its tokens by. */
    private static AnswerModels named(ChatModel model, String modelId) {
        return new AnswerModels(DEFAULT_MODEL_ALIAS, Map.of(DEFAULT_MODEL_ALIAS, model), Map.of(DEFAULT_MODEL_ALIAS, modelId));
    }

    private static ChatModel openAi(LocalSettings settings) {
        return new OpenAiCompatibleChatModel(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                settings.environment().required("OPENAI_BASE_URL"), settings.openAiModel(),
                settings.openAiApiKey().orElse(null), Duration.ofMinutes(2));
    }

    private static Region region(Environment env) {
        return Region.of(env.string("AWS_REGION", "us-east-1"));
    }
}
