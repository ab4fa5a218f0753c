package org.knowledgebot.infra.stacks;

import org.knowledgebot.infra.config.StageConfig;

/**
 * The Cognito user pool, app client and Hosted UI domain the chatbot signs users in with: created by
 * {@link AuthStack} or named by the stage ({@code userPoolId}, {@code userPoolClientId}, {@code cognitoDomainUrl}).
 */
public record SignIn(String userPoolId, String clientId, String cognitoDomainUrl) {

    public static SignIn imported(StageConfig.ImportedUserPool pool) {
        return new SignIn(pool.userPoolId(), pool.clientId(), pool.cognitoDomainUrl());
    }
}
