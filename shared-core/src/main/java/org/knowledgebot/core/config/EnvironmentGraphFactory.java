package org.knowledgebot.core.config;

import dagger.BindsInstance;

/**
 * The factory of a function's Dagger graph, built from the variables of its execution environment (a test passes
 * its own {@link Environment}): each graph's {@code @Component.Factory} extends it.
 */
public interface EnvironmentGraphFactory<G> {
    G create(@BindsInstance Environment environment);
}
