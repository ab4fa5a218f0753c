package org.knowledgebot.connect;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.observability.EventLog;

/**
 * The connect function's object graph, built once per execution environment on first use. The verifier is
 * created only when the authorizer asks for it, so the $connect and $disconnect handlers need no user-pool settings.
 */
@Singleton
@Component(modules = {CoreModule.class, SystemClockModule.class, ConnectGraph.ConnectModule.class})
interface ConnectGraph {
    CognitoJwtVerifier verifier();

    EventLog eventLog();

    static ConnectGraph instance() {
        return Holder.GRAPH;
    }

    @Component.Factory
    interface Factory {
        ConnectGraph create(@BindsInstance Environment environment);
    }

    /** Lazy, thread-safe, once: the JVM initialises the holder class on first access. */
    final class Holder {
        private static final ConnectGraph GRAPH = DaggerConnectGraph.factory().create(Environment.system());

        private Holder() {
        }
    }

    @Module
    final class ConnectModule {
        private ConnectModule() {
        }


        @Provides
        @Singleton
        static CognitoJwtVerifier verifier(Environment environment, Clock clock) {
            return CognitoJwtVerifier.fromEnvironment(environment, clock);
        }
    }
}
