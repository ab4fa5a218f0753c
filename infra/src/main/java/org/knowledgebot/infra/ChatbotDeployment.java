package org.knowledgebot.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.CdkProviderSuppressions;
import org.knowledgebot.infra.constructs.PageSecurityHeadersFile;
import org.knowledgebot.infra.stacks.AdminApi;
import org.knowledgebot.infra.stacks.ApiStack;
import org.knowledgebot.infra.stacks.AuthStack;
import org.knowledgebot.infra.stacks.DataStack;
import org.knowledgebot.infra.stacks.KnowledgeStack;
import org.knowledgebot.infra.stacks.MonitoringStack;
import org.knowledgebot.infra.stacks.RetrievalTarget;
import org.knowledgebot.infra.stacks.SignIn;
import org.knowledgebot.infra.stacks.WebContentStack;
import org.knowledgebot.infra.stacks.WebHostingStack;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * One stage of the chatbot: one stack per concern, in dependency order (data and knowledge first, the page last;
 * no knowledge or auth stack when the stage names an existing retriever or user pool), checked by cdk-nag's AWS
 * Solutions rules. The CDK app and the tests build it the same way.
 */
public record ChatbotDeployment(DataStack data, Optional<KnowledgeStack> knowledge, WebHostingStack webHosting,
                                Optional<AuthStack> auth,
                                ApiStack api, WebContentStack webContent, MonitoringStack monitoring) {

    public static ChatbotDeployment create(Construct scope, StageConfig config, DeploymentAssets assets) {
        String prefix = "KnowledgeBot-" + config.stage() + "-";
        StackProps props = stackProps(config);

        DataStack data = new DataStack(scope, prefix + "Data", describe(props, "sessions table and prompt bucket"),
                config, assets.systemPrompt());
        WebHostingStack webHosting = new WebHostingStack(scope, prefix + "WebHosting",
                describe(props, "chat page bucket and CloudFront"), config,
                PageSecurityHeadersFile.read(assets.pageSecurityHeaders()));
        Optional<KnowledgeStack> knowledge = config.retriever().createdByApp()
                ? Optional.of(new KnowledgeStack(scope, prefix + "Knowledge",
                        describe(props, "retrieval (" + config.retriever().configName() + ")"), config, webHosting.pageUrl()))
                : Optional.empty();
        RetrievalTarget retrieval = knowledge.map(KnowledgeStack::target).orElseGet(() -> RetrievalTarget.existing(config));
        Optional<AuthStack> auth = config.importedUserPool().isPresent()
                ? Optional.empty()
                : Optional.of(new AuthStack(scope, prefix + "Auth", describe(props, "Cognito user pool"), config,
                        webHosting.pageUrl()));
        SignIn signIn = auth.map(AuthStack::signIn).orElseGet(() -> SignIn.imported(config.importedUserPool().orElseThrow()));
        ApiStack api = new ApiStack(scope, prefix + "Api", describe(props, "WebSocket and session APIs and their functions"),
                config, assets, new ApiStack.Wiring(data.sessionsTable(), DataStack.RECENT_SESSIONS_INDEX,
                        data.usageTable(), data.promptBucket(), DataStack.PROMPT_KEY, retrieval, signIn, webHosting.pageUrl(),
                        new AdminApi.Tables(data.feedbackTable(), DataStack.FEEDBACK_BY_TIME_INDEX, data.sessionsTable(),
                                DataStack.UNSOURCED_QUESTIONS_INDEX, data.usageTable(),
                                knowledge.map(KnowledgeStack::managedDocuments))));
        WebContentStack webContent = new WebContentStack(scope, prefix + "WebContent",
                describe(props, "chat page content and config.js"), assets.webDir(), webHosting.siteBucket(),
                webHosting.distribution(), new WebContentStack.PageConfig(api.webSocketUrl(), api.sessionApiUrl(),
                        api.getRegion(), signIn.userPoolId(), signIn.clientId(), signIn.cognitoDomainUrl()));
        MonitoringStack monitoring = new MonitoringStack(scope, prefix + "Monitoring", describe(props, "alarms and dashboard"),
                config, api, knowledge.map(KnowledgeStack::ingestionTrigger));

        ChatbotDeployment deployment = new ChatbotDeployment(data, knowledge, webHosting, auth, api, webContent, monitoring);
        for (Stack stack : deployment.stacks()) {
            Tags.of(stack).add("project", "knowledgebot");
            Tags.of(stack).add("stage", config.stage());
            CdkProviderSuppressions.apply(stack);
        }
        Aspects.of(scope).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        return deployment;
    }

    public List<Stack> stacks() {
        List<Stack> stacks = new ArrayList<>(List.of(data));
        knowledge.ifPresent(stacks::add);
        stacks.add(webHosting);
        auth.ifPresent(stacks::add);
        stacks.addAll(List.of(api, webContent, monitoring));
        return stacks;
    }

    /** Env-agnostic (synthesizes anywhere, no credentials) unless the stage names an account and region. */
    private static StackProps stackProps(StageConfig config) {
        StackProps.Builder props = StackProps.builder();
        if (config.account().isPresent() || config.region().isPresent()) {
            props.env(Environment.builder()
                    .account(config.account().orElse(null))
                    .region(config.region().orElse(null))
                    .build());
        }
        return props.build();
    }

    private static StackProps describe(StackProps props, String what) {
        return StackProps.builder()
                .env(props.getEnv())
                .description("Knowledge chatbot: " + what)
                .build();
    }
}
