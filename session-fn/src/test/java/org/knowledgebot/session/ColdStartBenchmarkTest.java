package org.knowledgebot.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.testing.ColdStart;

/**
 * Cold start of the session function: a fresh JVM builds the graph and the DynamoDB client and handles one event
 * against the in-memory DynamoDB on 127.0.0.1, next to a hello-world handler started the same way. Prints medians
 * and ratios; asserts only that each run answered 200, never timing.
 */
@Tag("bench")
class ColdStartBenchmarkTest {
    private static final int RUNS = 7;

    @Test
    void coldStartAgainstHelloWorld() throws Exception {
        try (InMemoryDynamoDb dynamo = new InMemoryDynamoDb()) {
            // given
            Path missing = Path.of("target", "no-aws-config");
            Map<String, String> environment = Map.of(
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "AKIDBENCHONLY",
                    "AWS_SECRET_ACCESS_KEY", "bench-secret",
                    "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString(),
                    "AWS_CONFIG_FILE", missing.toAbsolutePath().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", missing.toAbsolutePath().toString(),
                    "AWS_EC2_METADATA_DISABLED", "true",
                    "SESSIONS_TABLE_NAME", InMemoryDynamoDb.TABLE);
            ColdStart coldStart = new ColdStart("session-fn", ColdStartMain.class);

            // when
            for (int run = 0; run < RUNS; run++) {
                coldStart.launch("hello-world handler", "hello", environment, "200");
                coldStart.launch("SessionHttpHandler (update_session)", "http", environment, "200");
                coldStart.launch("SessionInvokeHandler (get_session)", "invoke", environment, "200");
            }
            coldStart.printReport();

            // then: the header and one turn per update_session run were saved
            assertThat(dynamo.sortKeys("4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59")).hasSize(1 + RUNS);
        }
    }
}
