package org.knowledgebot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.text;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.config.Environment;

/** The graph Lambda builds, from the function's environment variables, with the real SDK clients it configures. */
class AdminGraphTest {
    private final StubAwsServer dynamo = StubAwsServer.start();
    private final ByteArrayOutputStream standardOutput = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void setUp() {
        // The default credentials chain reads these system properties before anything on this machine.
        System.setProperty("aws.accessKeyId", "AKIDTESTONLY");
        System.setProperty("aws.secretAccessKey", "test-secret");
        original = System.out;
        System.setOut(new PrintStream(standardOutput, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(original);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        dynamo.close();
    }

    @Test
    void aFailedOperationIsA500WhoseLogLineNamesTheCauseAndTheServiceErrorCode() throws Exception {
        // given a feedback table the function's role may not query
        dynamo.then(text(400, "application/x-amz-json-1.0",
                "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"message\":\"User is not authorized\"}"));
        AdminGraph graph = DaggerAdminGraph.factory().create(new Environment(Map.of(
                "AWS_REGION", "us-east-1",
                "FEEDBACK_TABLE_NAME", "knowledgebot-dev-feedback",
                "SESSIONS_TABLE_NAME", "knowledgebot-dev-sessions",
                "USAGE_TABLE_NAME", "knowledgebot-dev-usage",
                "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString())));
        AdminHttpHandler handler = new AdminHttpHandler(graph.adminRoutes());

        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                AdminHttpHandlerTest.event("http-admin-feedback-csv-ann.json"), null);

        // then
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("AccessDenied", "authorized", "Exception");
        assertThat(standardOutput.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"status 500\"",
                "\"cause\":\"DynamoDbException\"", "\"serviceErrorCode\":\"AccessDeniedException\"");
    }
}
