package org.knowledgebot.connect;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.config.EnvironmentGraphFactory;
import org.knowledgebot.core.observability.EventLog;

/**
 * The connect function's object graph, built once per execution environment by the handler Lambda creates. The
 * verifier is created only when the authorizer asks for it, so the $connect and $disconnect handlers need no
 * user-pool settings.
 */
@Singleton
@Component(modules = {CoreModule.class, SystemClockModule.class, ConnectGraph.ConnectModule.class})
interface ConnectGraph {
    CognitoJwtVerifier verifier();

    EventLog eventLog();

    /** The graph of a Lambda execution environment, from its variables: the handler Lambda creates builds it once. */
    static ConnectGraph forLambda() {
        return DaggerConnectGraph.factory().create(Environment.system());
    }

    @Component.Factory
    interface Factory extends EnvironmentGraphFactory<ConnectGraph> {
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
