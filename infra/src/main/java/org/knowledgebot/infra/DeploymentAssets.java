package org.knowledgebot.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files the app deploys: the four function jars built by {@code ./chatbot package}, the chat page folder and
 * the default system prompt. The app never invents stand-ins: a missing file stops synthesis with a message that
 * says how to build it.
 */
public record DeploymentAssets(Path connectJar, Path chatJar, Path sessionJar, Path adminJar, Path webDir,
                               Path systemPrompt, Path pageSecurityHeaders) {

    /** Where shared-core keeps the page's security headers, from the repository root. */
    public static final String PAGE_SECURITY_HEADERS =
            "shared-core/src/main/resources/org/knowledgebot/core/web/page-security-headers.properties";

    /** The layout of this repository: jars under each module's target folder, the page in web/. */
    public static DeploymentAssets fromRepository(Path repositoryRoot) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        return new DeploymentAssets(
                root.resolve("connect-fn/target/connect-fn-lambda.jar"),
                root.resolve("chat-fn/target/chat-fn-lambda.jar"),
                root.resolve("session-fn/target/session-fn-lambda.jar"),
                root.resolve("admin-fn/target/admin-fn-lambda.jar"),
                root.resolve("web"),
                // The same default prompt as the local runtime, so both answer alike out of the box.
                root.resolve("local-runtime/src/main/resources/system-prompt.txt"),
                // The headers the local runtime serves the page with too: one definition for both.
                root.resolve(PAGE_SECURITY_HEADERS));
    }

    /** Fails with one message listing every missing file and the command that produces it. */
    public DeploymentAssets requirePresent() {
        List<String> missing = new ArrayList<>();
        for (Path jar : List.of(connectJar, chatJar, sessionJar, adminJar)) {
            if (!Files.isRegularFile(jar)) {
                missing.add(jar + " (build the function jars with ./chatbot package)");
            }
        }
        if (!Files.isRegularFile(webDir.resolve("index.html"))) {
            missing.add(webDir.resolve("index.html") + " (the chat page folder web/ of the repository)");
        }
        if (!Files.isRegularFile(systemPrompt)) {
            missing.add(systemPrompt + " (the default system prompt)");
        }
        if (!Files.isRegularFile(pageSecurityHeaders)) {
            missing.add(pageSecurityHeaders + " (the page's security headers, in shared-core's resources)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot synthesize the chatbot, missing:\n  " + String.join("\n  ", missing));
        }
        return this;
    }
}
