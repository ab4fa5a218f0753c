package org.knowledgebot.session;

import dagger.Component;
import javax.inject.Singleton;
import org.knowledgebot.aws.AwsSupportModule;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.config.EnvironmentGraphFactory;
import org.knowledgebot.core.config.SettingsModule;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.session.SessionOperations;

/** The session function's object graph, built once per execution environment by the handler Lambda creates. */
@Singleton
@Component(modules = {CoreModule.class, SystemClockModule.class, SettingsModule.class, AwsSupportModule.class,
        SessionTableModule.class})
interface SessionGraph {
    SessionOperations sessionOperations();

    EventLog eventLog();

    /** The graph of a Lambda execution environment, from its variables: the handler Lambda creates builds it once. */
    static SessionGraph forLambda() {
        return DaggerSessionGraph.factory().create(Environment.system());
    }

    @Component.Factory
    interface Factory extends EnvironmentGraphFactory<SessionGraph> {
    }
}
