package org.knowledgebot.session;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.session.SessionOperations;
import org.knowledgebot.core.session.TurnLimits;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The session operations as the function runs them, over the real {@link DynamoSessionStore} and SDK client
 * against an {@link InMemoryDynamoDb}, at a fixed clock, with the handler's log lines kept for assertions; a fresh
 * table for each test: {@code @RegisterExtension final SessionsOverDynamo sessions = new SessionsOverDynamo();}.
 */
final class SessionsOverDynamo implements BeforeEachCallback, AfterEachCallback {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> logLines = new ArrayList<>();
    private InMemoryDynamoDb dynamo;
    private DynamoDbClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dynamo = new InMemoryDynamoDb();
        client = DynamoSessionStoreTest.clientFor(dynamo.endpoint());
    }

    SessionOperations operations() {
        return new SessionOperations(new DynamoSessionStore(client, InMemoryDynamoDb.TABLE, clock), clock, new TurnLimits(4_000));
    }

    /** Writes into {@link #logLines()}. */
    EventLog eventLog() {
        return new EventLog(logLines::add, clock);
    }

    InMemoryDynamoDb dynamo() {
        return dynamo;
    }

    List<String> logLines() {
        return logLines;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        dynamo.close();
    }
}
