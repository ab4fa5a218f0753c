package org.knowledgebot.chat.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs every adapter of chat-fn once through throwaway SDK clients whose HTTP client answers in memory
 * ({@link OfflineHttpClient}), with placeholder credentials: the classes of each call's request path are loaded
 * and compiled before the SnapStart snapshot, while no network call is made and no real credential resolved.
 */
public final class AdapterPriming {
    private AdapterPriming() {
    }

    /**
     * Exercises the retrievers, the prompt source, the session store, the connection channel and each model id.
     *
     * @return the requests the offline client answered, for tests
     * @throws RuntimeException when a call failed (the caller decides whether that stops the checkpoint)
     */
    public static List<String> run(List<String> modelIds) {
        OfflineHttpClient offline = new OfflineHttpClient();
        AwsClients clients = new AwsClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRIMING", "priming")), null,
                offline, () -> offline);
        ScoreBuckets buckets = new ScoreBuckets(0.7, 0.55, 0.4, 0.25);
        new KendraRetriever(clients.kendra(), "priming-index", 1, "en").retrieve("priming");
        new KnowledgeBaseRetriever(clients.bedrockAgentRuntime(), "PRIMING", 1, buckets).retrieve("priming");
        new S3PromptSource(clients.s3(), "priming", "system-prompt.txt", Duration.ZERO, Clock.systemUTC()).systemPrompt();
        new LambdaSessionStore(clients.lambda(), "priming", new EventLog(line -> { }, Clock.systemUTC())).find("priming-user", "priming-session");
        new ApiGatewayClientChannel(clients.managementApi(URI.create("https://priming.execute-api.us-east-1.amazonaws.com/priming")))
                .send("priming", "{}");
        ModelRequest request = new ModelRequest("priming", List.of(ChatMessage.user("priming")), 8, 0.0, null, null);
        for (String modelId : modelIds) {
            BedrockChatModel.forModel(clients.bedrockRuntime(), modelId).stream(request, text -> { }, new Cancellation());
        }
        for (String modelId : modelIds) {
            if (ModelFamily.of(modelId) != ModelFamily.CONVERSE) {
                BedrockCompletionModel.forModel(clients.bedrockRuntime(), modelId).stream(request, text -> { }, new Cancellation());
            }
        }
        return offline.answered();
    }
}
