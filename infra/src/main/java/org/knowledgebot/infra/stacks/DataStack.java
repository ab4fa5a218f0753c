package org.knowledgebot.infra.stacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.PrivateBuckets;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/** What the chatbot keeps: the sessions and feedback tables and the bucket holding the system prompt. */
public class DataStack extends Stack {

    public static final String RECENT_SESSIONS_INDEX = "RecentSessions";
    public static final String UNSOURCED_QUESTIONS_INDEX = "UnsourcedQuestions";
    public static final String PROMPT_KEY = "system-prompt.txt";
    public static final String FEEDBACK_BY_TIME_INDEX = "ByRatedAt";

    private final Table sessionsTable;
    private final Table usageTable;
    private final Table feedbackTable;
    private final Bucket promptBucket;

    public DataStack(Construct scope, String id, StackProps props, StageConfig config, Path defaultPrompt) {
        super(scope, id, props);

        // One item per turn and a header per session (docs/PROTOCOLS.md, "DynamoDB layout"); the sparse index holds header items only,
        // because only they carry updated_at.
        sessionsTable = table("Sessions", config, "user_id", "sk");
        addIndex(sessionsTable, RECENT_SESSIONS_INDEX, "user_id", "updated_at");
        // Sparse: only a turn the chat route answered with no source carries "unsourced"; the gaps report reads
        // it newest first, with nothing but the question and its time.
        sessionsTable.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(UNSOURCED_QUESTIONS_INDEX)
                .partitionKey(Attribute.builder().name("unsourced").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("created_at").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(List.of("user"))
                .build());

        // One item per rated answer (user_id + "<sessionId>#<messageId>": a second rating replaces the first), apart
        // from the sessions so it outlives a deleted chat; operators list it newest first through ByRatedAt.
        feedbackTable = table("Feedback", config, "user_id", "answer_key");
        addIndex(feedbackTable, FEEDBACK_BY_TIME_INDEX, "feedback", "rated_at");

        // The per-user limits' counters: one item per user per window, counted with ADD, gone after expires_at;
        // and under the reserved partition "#usage" the usage report's per-day counts, gone 100 days after their day.
        // Throwaway by nature, so no deletion protection; a new stage starts with nobody counted.
        usageTable = Table.Builder.create(this, "UsageCounters")
                .partitionKey(Attribute.builder().name("user_id").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("window").type(AttributeType.STRING).build())
                .timeToLiveAttribute("expires_at")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        Bucket accessLogs = PrivateBuckets.accessLogs(this, "AccessLogs", config.retainData(), false);
        promptBucket = PrivateBuckets.create(this, "Prompts", config.retainData(), accessLogs);
        // Re-deployed only when the repository's prompt changes, so a prompt uploaded by an operator survives
        // deployments that do not touch it.
        BucketDeployment.Builder.create(this, "DefaultPrompt")
                .destinationBucket(promptBucket)
                .sources(List.of(Source.data(PROMPT_KEY, read(defaultPrompt))))
                .prune(false)
                .build();

        CfnOutput.Builder.create(this, "SessionsTableName").value(sessionsTable.getTableName()).build();
        CfnOutput.Builder.create(this, "FeedbackTableName").value(feedbackTable.getTableName()).build();
        CfnOutput.Builder.create(this, "PromptBucketName").value(promptBucket.getBucketName()).build();
    }

    /** On demand, encrypted, with point-in-time recovery; protected from deletion when the stage keeps its data. */
    private Table table(String id, StageConfig config, String partitionKey, String sortKey) {
        return Table.Builder.create(this, id)
                .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(sortKey).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(config.retainData())
                .removalPolicy(config.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
    }

    private static void addIndex(Table table, String name, String partitionKey, String sortKey) {
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(sortKey).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default system prompt " + file, e);
        }
    }

    public Table sessionsTable() {
        return sessionsTable;
    }

    public Table usageTable() {
        return usageTable;
    }

    public Table feedbackTable() {
        return feedbackTable;
    }

    public Bucket promptBucket() {
        return promptBucket;
    }
}
