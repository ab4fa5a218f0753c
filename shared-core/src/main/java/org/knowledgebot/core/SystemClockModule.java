package org.knowledgebot.core;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;

/** The wall clock (UTC) for a deployed or local graph; tests bind a fixed or mutable clock instead. */
@Module
public final class SystemClockModule {
    private SystemClockModule() {
    }

    @Provides
    static Clock clock() {
        return Clock.systemUTC();
    }
}
