package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knowledgebot.chat.aws.StubAwsServer.text;
import static org.knowledgebot.chat.aws.StubAwsServer.xml;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.testing.MutableClock;
import software.amazon.awssdk.services.s3.S3Client;

class S3PromptSourceTest {
    private static final String PROMPT = "You are the Riverton city assistant. Answer only from the knowledge given.\n";
    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final S3Client s3 = stub.closing(stub.clients().s3());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T15:00:00Z"));
    private final S3PromptSource source =
            new S3PromptSource(s3, "chatbot-prompts-prod", "system-prompt.txt", Duration.ofSeconds(60), clock);

    @Test
    void readsThePromptObjectOnceAndServesItFromCacheUntilTheTtlEnds() {
        // given
        stub.then(text(200, "text/plain", PROMPT, "ETag", "\"9b2cf535f27731c974343645a3985328\""))
                .then(text(200, "text/plain", "Updated prompt.", "ETag", "\"0d5d3b1e6f8a9c2b4d6e8f0a1b3c5d7e\""));

        // when
        String first = source.systemPrompt();
        clock.advance(Duration.ofSeconds(59));
        String cached = source.systemPrompt();
        clock.advance(Duration.ofSeconds(1));
        String refreshed = source.systemPrompt();

        // then
        assertThat(first).isEqualTo(PROMPT);
        assertThat(cached).isEqualTo(PROMPT);
        assertThat(refreshed).isEqualTo("Updated prompt.");
        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(0).method()).isEqualTo("GET");
        assertThat(stub.requests().get(0).path()).isEqualTo("/chatbot-prompts-prod/system-prompt.txt");
    }

    @Test
    void aMissingPromptObjectIsAClearError() {
        // given
        stub.then(xml(404, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>system-prompt.txt</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>Ok9ZqVvF2c0sXkz3YJ5i</HostId></Error>"""));

        // when / then
        assertThatThrownBy(source::systemPrompt)
                .isInstanceOf(S3PromptSource.PromptUnavailableException.class)
                .hasMessage("The system prompt is missing: there is no object 'system-prompt.txt' in bucket 'chatbot-prompts-prod'.");
    }

    @Test
    void aFailedRefreshKeepsServingTheLastPrompt() {
        // given
        stub.then(text(200, "text/plain", PROMPT))
                .then(xml(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"));
        source.systemPrompt();
        clock.advance(Duration.ofMinutes(5));

        // when
        String prompt = source.systemPrompt();

        // then
        assertThat(prompt).isEqualTo(PROMPT);
        assertThat(stub.requests()).hasSize(2);
    }
}
