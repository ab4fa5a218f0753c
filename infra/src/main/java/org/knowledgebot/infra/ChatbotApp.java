package org.knowledgebot.infra;

import java.nio.file.Path;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.config.StageConfigException;
import org.knowledgebot.infra.config.StageConfigLoader;
import software.amazon.awscdk.App;

/**
 * The CDK app (cdk.json runs it from the repository root): {@code npx aws-cdk@2 synth -c stage=dev}. The stage
 * defaults to dev; its settings come from {@code infra/stages/<stage>.json} and {@code -c key=value}.
 */
public final class ChatbotApp {

    private ChatbotApp() {
    }

    public static void main(String[] args) {
        try {
            synthesize();
        } catch (StageConfigException | IllegalStateException e) {
            // A configuration or build problem, not a bug: the message says what to do, a stack trace would bury it.
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void synthesize() {
        App app = new App();
        Object stage = app.getNode().tryGetContext("stage");
        Path repositoryRoot = Path.of("").toAbsolutePath();
        StageConfig config = StageConfigLoader.load(stage == null ? "dev" : stage.toString(),
                repositoryRoot.resolve("infra/stages"), key -> app.getNode().tryGetContext(key));
        DeploymentAssets assets = DeploymentAssets.fromRepository(repositoryRoot).requirePresent();
        ChatbotDeployment.create(app, config, assets);
        app.synth();
    }
}
