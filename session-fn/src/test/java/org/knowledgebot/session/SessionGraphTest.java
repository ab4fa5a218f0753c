package org.knowledgebot.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.session.SessionResponse;

/** The graph Lambda builds, from the function's environment variables, with the real SDK client it configures. */
class SessionGraphTest {
    private static final String USER = "4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59";
    private InMemoryDynamoDb dynamo;

    @BeforeEach
    void setUp() throws Exception {
        dynamo = new InMemoryDynamoDb();
        // The default credentials chain reads these system properties before anything on this machine.
        System.setProperty("aws.accessKeyId", "AKIDTESTONLY");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        dynamo.close();
    }

    @Test
    void configuredGraphStoresSessionsInTheNamedTable() {
        // given
        SessionGraph graph = graphOverTheStubTable();
        SessionInvokeHandler handler = new SessionInvokeHandler(graph.sessionOperations(), graph.eventLog());

        // when
        Map<String, Object> response = handler.handleRequest(EventFixtures.invokePayload("""
                {"operation":"update_session","user_id":"%s","session_id":"s-1",
                 "new_chat_entry":{"user":"Where do I pay a water bill?","chatbot":"At City Hall."}}""".formatted(USER)), null);

        // then
        assertThat(response.get("statusCode")).isEqualTo(200);
        assertThat(dynamo.sortKeys(USER)).containsExactly("SESSION#s-1", "SESSION#s-1#TURN#000001");
    }

    @Test
    void graphIsBuiltOnceAndSharedByBothEntryPoints() {
        // given
        SessionGraph graph = DaggerSessionGraph.factory().create(new Environment(Map.of(
                "AWS_REGION", "us-east-1", "SESSIONS_TABLE_NAME", InMemoryDynamoDb.TABLE)));

        // when / then
        assertThat(graph.sessionOperations()).isSameAs(graph.sessionOperations());
    }

    @Test
    void missingTableNameFailsAtInitNamingTheVariable() {
        // given
        SessionGraph graph = DaggerSessionGraph.factory().create(new Environment(Map.of("AWS_REGION", "us-east-1")));

        // when / then
        assertThatThrownBy(graph::sessionOperations)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SESSIONS_TABLE_NAME");
    }

    @Test
    void missingRegionFailsAtInitNamingTheVariable() {
        // given
        SessionGraph graph = DaggerSessionGraph.factory().create(new Environment(Map.of(
                "SESSIONS_TABLE_NAME", InMemoryDynamoDb.TABLE)));

        // when / then
        assertThatThrownBy(graph::sessionOperations).hasMessageContaining("AWS_REGION");
    }

    @Test
    void unusableRequestBodyNeverReachesTheTable() {
        // given
        SessionGraph graph = graphOverTheStubTable();

        // when
        SessionResponse response = graph.sessionOperations().handle(USER, "not json");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(dynamo.calls("Query")).isEmpty();
    }

    /** The graph as Lambda would build it, its table the in-memory DynamoDB's. */
    private SessionGraph graphOverTheStubTable() {
        return DaggerSessionGraph.factory().create(new Environment(Map.of(
                "AWS_REGION", "us-east-1",
                "SESSIONS_TABLE_NAME", InMemoryDynamoDb.TABLE,
                "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString())));
    }
}
