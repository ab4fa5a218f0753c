package org.knowledgebot.infra.constructs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Re-indexes the documents bucket when it changes, debounced: every object created or removed becomes an SQS
 * message; the function receives them in batches collected over {@link #BATCHING_WINDOW} and starts ONE ingestion
 * (Bedrock) or sync (Kendra) job per batch. While a job is still running the service refuses a new one; the
 * function then fails, SQS redelivers the batch after the visibility timeout, and the change is never lost.
 */
public class IngestionTrigger extends Construct {

    public static final Duration BATCHING_WINDOW = Duration.minutes(2);

    /** What to start: a Bedrock knowledge base data source or a Kendra data source. */
    public record Target(String service, Map<String, String> environment, PolicyStatement startPermission) {

        public static Target knowledgeBase(String knowledgeBaseId, String dataSourceId, String knowledgeBaseArn) {
            return new Target("bedrock",
                    Map.of("KNOWLEDGE_BASE_ID", knowledgeBaseId, "DATA_SOURCE_ID", dataSourceId),
                    PolicyStatement.Builder.create()
                            .actions(List.of("bedrock:StartIngestionJob"))
                            .resources(List.of(knowledgeBaseArn))
                            .build());
        }

        public static Target kendra(String indexId, String dataSourceId, String indexArn) {
            return new Target("kendra",
                    Map.of("INDEX_ID", indexId, "DATA_SOURCE_ID", dataSourceId),
                    PolicyStatement.Builder.create()
                            .actions(List.of("kendra:StartDataSourceSyncJob"))
                            .resources(List.of(indexArn, indexArn + "/data-source/" + dataSourceId))
                            .build());
        }
    }

    /*
     * Inline Python instead of a Java module: the job is one SDK call, no project code is involved, and an
     * interpreted runtime with the SDK built in needs no jar, no build step and no SnapStart for a function that
     * runs a few times a day.
     */
    private static final String HANDLER_SOURCE = """
            import json
            import os

            import boto3


            def handler(event, context):
                changes = len(event.get("Records", []))
                if os.environ["TARGET_SERVICE"] == "kendra":
                    job = boto3.client("kendra").start_data_source_sync_job(
                        Id=os.environ["DATA_SOURCE_ID"], IndexId=os.environ["INDEX_ID"])
                    job_id = job["ExecutionId"]
                else:
                    job = boto3.client("bedrock-agent").start_ingestion_job(
                        knowledgeBaseId=os.environ["KNOWLEDGE_BASE_ID"], dataSourceId=os.environ["DATA_SOURCE_ID"])
                    job_id = job["ingestionJob"]["ingestionJobId"]
                print(json.dumps({"outcome": "started", "jobId": job_id, "changes": changes}))
            """;

    private final Function function;
    private final Queue deadLetters;

    public IngestionTrigger(Construct scope, String id, Bucket documents, Target target, int logRetentionDays, boolean retainLogs) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Queue queue = Queue.Builder.create(this, "Changes")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // Longer than the function timeout, and the pause before a refused batch is tried again.
                .visibilityTimeout(Duration.minutes(5))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(24).build())
                .build();
        documents.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(queue));
        documents.addEventNotification(EventType.OBJECT_REMOVED, new SqsDestination(queue));

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(JavaFunction.retention(logRetentionDays))
                .removalPolicy(retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Starts document ingestion when the documents bucket changes")
                .build();
        logs.grantWrite(role);
        role.addToPolicy(target.startPermission());

        Map<String, String> environment = new HashMap<>(target.environment());
        environment.put("TARGET_SERVICE", target.service());
        function = Function.Builder.create(this, "Function")
                .runtime(Runtime.PYTHON_3_14)
                .architecture(Architecture.ARM_64)
                .handler("index.handler")
                .code(Code.fromInline(HANDLER_SOURCE))
                .description("Starts one " + target.service() + " ingestion job per batch of document changes")
                .timeout(Duration.seconds(30))
                .memorySize(256)
                .role(role)
                .logGroup(logs)
                .environment(environment)
                .build();
        function.addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(1000)
                .maxBatchingWindow(BATCHING_WINDOW)
                .maxConcurrency(2)
                .build());
    }

    public Function function() {
        return function;
    }

    /** Batches of changes that could not start a job after every retry. */
    public Queue deadLetters() {
        return deadLetters;
    }

}
