package org.knowledgebot.session;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import javax.inject.Singleton;
import org.knowledgebot.aws.AwsSupportModule;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.config.SettingsModule;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.session.SessionOperations;

/** The session function's object graph, built once per execution environment on first use. */
@Singleton
@Component(modules = {CoreModule.class, SystemClockModule.class, SettingsModule.class, AwsSupportModule.class,
        SessionTableModule.class, SessionGraph.Bindings.class})
interface SessionGraph {
    SessionOperations sessionOperations();

    EventLog eventLog();

    static SessionGraph instance() {
        return Holder.GRAPH;
    }

    @Component.Factory
    interface Factory {
        SessionGraph create(@BindsInstance Environment environment);
    }

    /** Lazy, thread-safe, once: the JVM initialises the holder class on first access. */
    final class Holder {
        private static final SessionGraph GRAPH = DaggerSessionGraph.factory().create(Environment.system());

        private Holder() {
        }
    }

    @Module
    interface Bindings {
        @Binds
        SessionStore sessionStore(DynamoSessionStore store);
    }
}
