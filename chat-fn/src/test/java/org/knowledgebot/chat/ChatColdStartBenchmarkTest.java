package org.knowledgebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsBackend;
import org.knowledgebot.core.testing.ColdStart;

/**
 * Cold start of chat-fn: a fresh JVM builds the function's graph from its environment and answers one realistic
 * sendMessage event end to end (S3 prompt, session function, retrieval, Bedrock stream, frames to @connections)
 * against instant local stubs reached through AWS_ENDPOINT_URL, next to a hello-world handler launched the same
 * way. Prints medians and ratios; asserts only that every run answered, never timing.
 */
@Tag("bench")
class ChatColdStartBenchmarkTest {
    private static final int RUNS = 5;
    private static final String CONNECTION = "L0SM9cOFvHcCIhw=";

    @Test
    void coldStartOfOneAnswerAgainstHelloWorld() throws Exception {
        try (StubAwsBackend aws = new StubAwsBackend()) {
            // given
            Map<String, String> kendra = new HashMap<>(aws.lambdaEnvironment());
            kendra.put("AWS_EC2_METADATA_DISABLED", "true");
            Map<String, String> knowledgeBase = new HashMap<>(kendra);
            knowledgeBase.put("RETRIEVER", "knowledgeBase");
            knowledgeBase.put("KNOWLEDGE_BASE_ID", "KBX7Q2M4ZP");
            ColdStart coldStart = new ColdStart("chat-fn", ColdStartMain.class);

            for (int run = 0; run < RUNS; run++) {
                // when
                coldStart.launch("hello-world handler", "hello", kendra, "200");
                int before = endFrames(aws);
                coldStart.launch("ChatHandler, Kendra", "chat", kendra, "200");
                coldStart.launch("ChatHandler, knowledge base", "chat", knowledgeBase, "200");

                // then
                assertThat(endFrames(aws)).as("both answers reached the client").isEqualTo(before + 2);
            }
            coldStart.printReport();
        }
    }

    private static int endFrames(StubAwsBackend aws) {
        return (int) aws.framesPostedTo(CONNECTION).stream().filter(frame -> frame.contains("\"type\":\"end\"")).count();
    }
}
