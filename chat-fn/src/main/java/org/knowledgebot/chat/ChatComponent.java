package org.knowledgebot.chat;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.knowledgebot.aws.AwsSupportModule;
import org.knowledgebot.chat.aws.AwsClients;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.config.SettingsModule;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.wire.ChatEndpoint;

/** chat-fn's object graph: shared-core's use cases over the AWS adapters. Built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, SystemClockModule.class, SettingsModule.class, AwsSupportModule.class,
        AwsChatModule.class})
public interface ChatComponent {
    ChatEndpoint chatEndpoint();

    EventLog eventLog();

    ChatFunctionConfig config();

    @Component.Factory
    interface Factory {
        ChatComponent create(@BindsInstance Environment environment, @BindsInstance AwsClients clients);
    }

    /** The graph for a Lambda execution environment: its environment variables and the default AWS clients. */
    static ChatComponent forLambda() {
        Environment environment = Environment.system();
        return DaggerChatComponent.factory().create(environment, AwsClients.forLambda(environment));
    }
}
