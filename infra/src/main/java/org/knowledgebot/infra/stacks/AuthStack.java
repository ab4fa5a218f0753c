package org.knowledgebot.infra.stacks;

import java.util.List;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.Nag;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.constructs.Construct;

/**
 * Who may chat: a Cognito user pool where an administrator creates every user (no self sign-up), its Hosted UI
 * domain and a public app client using the authorization code flow with PKCE that returns to the chat page. A stage
 * that names an existing pool has no such stack ({@link SignIn#imported}).
 */
public class AuthStack extends Stack {

    /** The group name admin-fn checks (shared-core's Caller.OPERATORS_GROUP). */
    public static final String OPERATORS_GROUP = "admins";

    private final SignIn signIn;

    public AuthStack(Construct scope, String id, StackProps props, StageConfig config, String pageUrl) {
        super(scope, id, props);
        UserPool pool = UserPool.Builder.create(this, "UserPool")
                .userPoolName(config.resourcePrefix() + "-users")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().username(true).email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .featurePlan(FeaturePlan.ESSENTIALS)
                .deletionProtection(config.retainData())
                .removalPolicy(config.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Nag.suppress(pool, "AwsSolutions-COG2",
                "MFA (authenticator app) is offered to every user but not forced; an organisation that requires it"
                        + " sets the pool's MFA to REQUIRED.");
        Nag.suppress(pool, "AwsSolutions-COG3",
                "Threat protection needs the Plus feature plan, billed per monthly active user; the pool has no self"
                        + " sign-up, so every account is created by an administrator.");
        String domainPrefix = config.cognitoDomainPrefix().orElse(config.resourcePrefix() + "-" + getAccount());
        UserPoolDomain domain = pool.addDomain("HostedUi", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(domainPrefix).build())
                .build());
        UserPoolClient client = pool.addClient("WebClient", UserPoolClientOptions.builder()
                .userPoolClientName(config.resourcePrefix() + "-web")
                // A browser cannot keep a secret: a public client, and the page uses PKCE with the code flow.
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
                        .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
                        .callbackUrls(List.of(pageUrl + "/"))
                        .logoutUrls(List.of(pageUrl + "/"))
                        .build())
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                .preventUserExistenceErrors(true)
                .idTokenValidity(Duration.hours(1))
                .accessTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(1))
                .build());
        // Operators: the admin function lets members of this group use the /admin routes (cognito:groups claim).
        CfnUserPoolGroup.Builder.create(this, "Operators")
                .userPoolId(pool.getUserPoolId())
                .groupName(OPERATORS_GROUP)
                .description("Operators of the chatbot: feedback, documents, ingestion, gaps and usage")
                .build();
        signIn = new SignIn(pool.getUserPoolId(), client.getUserPoolClientId(), domain.baseUrl());
        CfnOutput.Builder.create(this, "UserPoolId").value(signIn.userPoolId()).build();
        CfnOutput.Builder.create(this, "UserPoolClientId").value(signIn.clientId()).build();
        CfnOutput.Builder.create(this, "CognitoDomainUrl").value(signIn.cognitoDomainUrl()).build();
    }

    public SignIn signIn() {
        return signIn;
    }
}
