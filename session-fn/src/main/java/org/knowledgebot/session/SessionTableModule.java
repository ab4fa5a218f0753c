package org.knowledgebot.session;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.gaps.UnsourcedAnswers;
import org.knowledgebot.core.port.SessionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sessions table's DynamoDB client and adapters, named by {@code SESSIONS_TABLE_NAME}, with the
 * {@link SessionStore} port bound to it: one definition for the session function's graph and the admin function's
 * (which reads rated turns and the unsourced-answers index).
 */
@Module
public abstract class SessionTableModule {
    private static final String TABLE_VARIABLE = "SESSIONS_TABLE_NAME";

    private SessionTableModule() {
    }

    @Binds
    abstract SessionStore sessionStore(DynamoSessionStore store);

    /** One client per execution environment. */
    @Provides
    @Singleton
    static DynamoDbClient dynamoDbClient(Environment environment) {
        return DynamoClients.fromEnvironment(environment);
    }

    @Provides
    @Singleton
    static DynamoSessionStore dynamoSessionStore(DynamoDbClient client, Environment environment, Clock clock) {
        return new DynamoSessionStore(client, environment.required(TABLE_VARIABLE), clock);
    }

    /** The gaps report reads the sessions table's sparse UnsourcedQuestions index (Query only). */
    @Provides
    @Singleton
    static UnsourcedAnswers unsourcedAnswers(DynamoDbClient client, Environment environment) {
        return new DynamoUnsourcedAnswers(client, environment.required(TABLE_VARIABLE));
    }
}
