package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeploymentAssetsTest {

    @Test
    void aRepositoryWithoutBuiltJarsFailsNamingEachJarAndTheCommandThatBuildsIt() throws IOException {
        // given
        Path repository = Files.createTempDirectory(Path.of("target"), "fresh-clone");
        Files.createDirectories(repository.resolve("web"));
        Files.writeString(repository.resolve("web/index.html"), "<!doctype html>");

        // when / then
        assertThatThrownBy(() -> DeploymentAssets.fromRepository(repository).requirePresent())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connect-fn/target/connect-fn-lambda.jar (build the function jars with ./chatbot package)")
                .hasMessageContaining("chat-fn/target/chat-fn-lambda.jar (build the function jars with ./chatbot package)")
                .hasMessageContaining("session-fn/target/session-fn-lambda.jar (build the function jars with ./chatbot package)")
                .hasMessageContaining("admin-fn/target/admin-fn-lambda.jar (build the function jars with ./chatbot package)")
                .hasMessageContaining("system-prompt.txt")
                .hasMessageContaining("page-security-headers.properties (the page's security headers")
                .hasMessageNotContaining("index.html");
    }

    @Test
    void aRepositoryWithEverythingBuiltIsAccepted() throws IOException {
        // given
        Path repository = Files.createTempDirectory(Path.of("target"), "built-clone");
        for (String module : new String[] {"connect-fn", "chat-fn", "session-fn", "admin-fn"}) {
            Files.createDirectories(repository.resolve(module + "/target"));
            Files.writeString(repository.resolve(module + "/target/" + module + "-lambda.jar"), "jar");
        }
        Files.createDirectories(repository.resolve("web"));
        Files.writeString(repository.resolve("web/index.html"), "<!doctype html>");
        Files.createDirectories(repository.resolve("local-runtime/src/main/resources"));
        Files.writeString(repository.resolve("local-runtime/src/main/resources/system-prompt.txt"), "prompt");
        Files.createDirectories(repository.resolve(DeploymentAssets.PAGE_SECURITY_HEADERS).getParent());
        Files.writeString(repository.resolve(DeploymentAssets.PAGE_SECURITY_HEADERS), "x-frame-options=DENY\n");

        // when
        DeploymentAssets assets = DeploymentAssets.fromRepository(repository).requirePresent();

        // then
        assertThat(assets.chatJar()).isEqualTo(repository.toAbsolutePath().resolve("chat-fn/target/chat-fn-lambda.jar"));
        assertThat(assets.webDir()).isEqualTo(repository.toAbsolutePath().resolve("web"));
    }
}
