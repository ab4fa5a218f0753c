package org.knowledgebot.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.provider.Arguments;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.config.StageConfigLoader;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Test fixture: synthesizes one stage with placeholder function jars, page and prompt written under target/ (the
 * real jars are built by other modules; the templates only need files to hash and reference).
 */
final class TestStages {

    static final Path ASSETS = Path.of("target/test-assets").toAbsolutePath();

    private TestStages() {
    }

    /** A synthesized stage: its deployment and one template per stack, synthesized once. */
    record Synthesized(StageConfig config, ChatbotDeployment deployment, Map<Stack, Template> templates) {
        synchronized Template template(Stack stack) {
            return templates.computeIfAbsent(stack, Template::fromStack);
        }

        /** The template of one of the deployment's stacks, e.g. {@code template(ChatbotDeployment::api)}. */
        Template template(Function<ChatbotDeployment, ? extends Stack> stack) {
            return template(stack.apply(deployment));
        }
    }

    private static final Map<String, Synthesized> SYNTHESIZED = new HashMap<>();

    /** Every synthesized stage, named by its retriever choice, for parameterized tests. */
    static Stream<Arguments> everyRetrieverChoice() {
        return Stream.of(
                Arguments.of("knowledgeBase (dev)", (Supplier<Synthesized>) TestStages::devKnowledgeBase),
                Arguments.of("kendra (prod)", (Supplier<Synthesized>) TestStages::prodKendra),
                Arguments.of("existingKnowledgeBase", (Supplier<Synthesized>) TestStages::existingKnowledgeBase),
                Arguments.of("existingKendra", (Supplier<Synthesized>) TestStages::existingKendra),
                Arguments.of("existingKnowledgeBase, imported user pool, pinned region",
                        (Supplier<Synthesized>) TestStages::sharedAccountResources));
    }

    /** Stage dev with its stage file: the default retriever, a knowledge base on S3 Vectors that the app creates. */
    static Synthesized devKnowledgeBase() {
        return synthesize("dev", Map.of());
    }

    /** Stage prod with its stage file, creating a Kendra index, answering through an inference profile. */
    static Synthesized prodKendra() {
        return synthesize("prod", Map.of(
                "retriever", "kendra",
                "answerModelId", "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                "alarmEmail", "ops@example.com",
                "allowedOrigins", "https://intranet.example.com"));
    }

    /** A stage without a file using an existing Bedrock knowledge base. */
    static Synthesized existingKnowledgeBase() {
        return synthesize("kbstage", Map.of("retriever", "existingKnowledgeBase", "knowledgeBaseId", "KB12345678"));
    }

    /**
     * A stage pinned to an account and region that reuses an existing knowledge base and user pool and offers a
     * second answer model.
     */
    static Synthesized sharedAccountResources() {
        return synthesize("shared", Map.of(
                "account", "123456789012",
                "region", "eu-central-1",
                "retriever", "existingKnowledgeBase",
                "knowledgeBaseId", "KBSHARED01",
                "userPoolId", "eu-central-1_AbCdEf123",
                "userPoolClientId", "4example0client0id0abcdefgh",
                "cognitoDomainUrl", "https://login.example.com",
                "answerModels", "haiku=anthropic.claude-3-haiku-20240307-v1:0"));
    }

    /** A stage without a file using the seed's existing Kendra index and its language filter. */
    static Synthesized existingKendra() {
        return synthesize("seed", Map.of(
                "retriever", "existingKendra",
                "kendraIndexId", "0123abcd-0000-4000-8000-0123456789ab",
                "kendraLanguageCode", "en"));
    }

    /**
     * The stage synthesized once per test run (jsii synthesis takes seconds): test classes that ask for the same
     * stage and context share it.
     */
    static synchronized Synthesized synthesize(String stage, Map<String, Object> context) {
        return SYNTHESIZED.computeIfAbsent(stage + new java.util.TreeMap<>(context), key -> synthesizeNew(stage, context));
    }

    private static Synthesized synthesizeNew(String stage, Map<String, Object> context) {
        DeploymentAssets assets = placeholderAssets();
        // The same feature flags as `cdk synth`, which reads them from the repository's cdk.json.
        Map<String, Object> fullContext = new HashMap<>(cdkJsonContext());
        fullContext.putAll(context);
        fullContext.put("stage", stage);
        App app = App.Builder.create()
                .context(fullContext)
                .outdir(Path.of("target/cdk.out", stage).toAbsolutePath().toString())
                .build();
        StageConfig config = StageConfigLoader.load(stage, Path.of("stages").toAbsolutePath(),
                key -> app.getNode().tryGetContext(key));
        ChatbotDeployment deployment = ChatbotDeployment.create(app, config, assets);
        return new Synthesized(config, deployment, new HashMap<>());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("../cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the repository's cdk.json", e);
        }
    }

    static synchronized DeploymentAssets placeholderAssets() {
        try {
            Files.createDirectories(ASSETS.resolve("web"));
            Files.writeString(ASSETS.resolve("web/index.html"), "<!doctype html><title>chat</title>\n");
            Files.writeString(ASSETS.resolve("system-prompt.txt"), "Answer from the knowledge only.\n");
            for (String name : new String[] {"connect-fn-lambda.jar", "chat-fn-lambda.jar", "session-fn-lambda.jar", "admin-fn-lambda.jar"}) {
                writeJar(ASSETS.resolve(name), name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DeploymentAssets(ASSETS.resolve("connect-fn-lambda.jar"), ASSETS.resolve("chat-fn-lambda.jar"),
                ASSETS.resolve("session-fn-lambda.jar"), ASSETS.resolve("admin-fn-lambda.jar"), ASSETS.resolve("web"),
                ASSETS.resolve("system-prompt.txt"),
                // The real definition, as the app reads it: the tests pin what CloudFront gets from it.
                Path.of("..").resolve(DeploymentAssets.PAGE_SECURITY_HEADERS));
    }

    private static void writeJar(Path jar, String marker) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("placeholder.txt"));
            zip.write(marker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
