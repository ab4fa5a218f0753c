package org.knowledgebot.local.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePromptSourceTest {
    @Test
    void withoutAFileTheBundledPromptIsUsed() {
        // when
        String prompt = new FilePromptSource(null).systemPrompt();

        // then
        assertThat(prompt).startsWith("You are the assistant of a knowledge base.");
    }

    @Test
    void aConfiguredFileIsReadAgainWhenItChanges(@TempDir Path temp) throws IOException {
        // given
        Path file = temp.resolve("prompt.txt");
        Files.writeString(file, "Answer in French.\n");
        FilePromptSource source = new FilePromptSource(file);
        assertThat(source.systemPrompt()).isEqualTo("Answer in French.");

        // when
        Files.writeString(file, "Answer in German.");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));

        // then
        assertThat(source.systemPrompt()).isEqualTo("Answer in German.");
    }
}
