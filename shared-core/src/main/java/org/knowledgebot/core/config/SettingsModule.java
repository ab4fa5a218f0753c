package org.knowledgebot.core.config;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import org.knowledgebot.core.limits.UsageLimitSettings;

/**
 * The shared settings read from the component's {@link Environment}, once per execution environment: the chat
 * settings (which also bound the turns the session function stores) and the per-user limits. Installed by the
 * chat function's, the session function's and the local runtime's components; a test binds the records instead.
 */
@Module
public final class SettingsModule {
    private SettingsModule() {
    }

    @Provides
    @Singleton
    static ChatSettings chatSettings(Environment environment) {
        return ChatSettings.from(environment);
    }

    /** Off unless USER_MESSAGES_PER_MINUTE or USER_DAILY_TOKENS is set. */
    @Provides
    @Singleton
    static UsageLimitSettings usageLimitSettings(Environment environment) {
        return UsageLimitSettings.from(environment);
    }
}
