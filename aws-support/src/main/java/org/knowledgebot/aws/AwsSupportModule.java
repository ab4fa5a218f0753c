package org.knowledgebot.aws;

import dagger.Module;
import dagger.Provides;
import org.knowledgebot.core.observability.ServiceErrorCodes;

/** For a component that reaches AWS services: their error codes go into its log lines (shared-core's EventLog). */
@Module
public final class AwsSupportModule {
    private AwsSupportModule() {
    }

    @Provides
    static ServiceErrorCodes serviceErrorCodes() {
        return new AwsServiceErrorCodes();
    }
}
