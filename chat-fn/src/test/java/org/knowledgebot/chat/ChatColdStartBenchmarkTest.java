package org.knowledgebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsBackend;
import org.knowledgebot.chat.aws.StubAwsServer;
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
                int requestsBefore = aws.server().requests().size();
                coldStart.launch("ChatHandler, Kendra", "chat", kendra, "200");
                coldStart.launch("ChatHandler, knowledge base", "chat", knowledgeBase, "200");

                // then: the (shaded) jar's real SDK clients of all seven services did their part (DynamoDB: the
                // question's usage counts)
                assertThat(endFrames(aws)).as("both answers reached the client").isEqualTo(before + 2);
                List<StubAwsServer.Recorded> requests = aws.server().requests();
                assertThat(servicesCalled(requests.subList(requestsBefore, requests.size())))
                        .containsExactlyInAnyOrder("s3", "lambda", "kendra", "bedrock-agent-runtime", "bedrock-runtime",
                                "execute-api", "dynamodb");
            }
            coldStart.printReport();
        }
    }

    private static List<String> servicesCalled(List<StubAwsServer.Recorded> requests) {
        return requests.stream().map(ChatColdStartBenchmarkTest::service).distinct().collect(Collectors.toList());
    }

    private static String service(StubAwsServer.Recorded request) {
        String path = request.path();
        if (request.header("X-Amz-Target") != null && request.header("X-Amz-Target").startsWith("AWSKendra")) {
            return "kendra";
        }
        if (request.header("X-Amz-Target") != null && request.header("X-Amz-Target").startsWith("DynamoDB_")) {
            return "dynamodb";
        }
        if (path.startsWith("/knowledgebases/")) {
            return "bedrock-agent-runtime";
        }
        if (path.startsWith("/" + StubAwsBackend.PROMPT_BUCKET + "/")) {
            return "s3";
        }
        if (path.startsWith("/2015-03-31/functions/")) {
            return "lambda";
        }
        if (path.startsWith("/model/")) {
            return "bedrock-runtime";
        }
        return path.startsWith("/prod/@connections/") ? "execute-api" : path;
    }

    private static int endFrames(StubAwsBackend aws) {
        return (int) aws.framesPostedTo(CONNECTION).stream().filter(frame -> frame.contains("\"type\":\"end\"")).count();
    }
}
