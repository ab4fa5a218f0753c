package org.knowledgebot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.pipeline.ChatOutcome;
import org.knowledgebot.core.testing.RecordingClientChannel;

/** An answer that dies with a JVM Error still tells the client, in its protocol, before a seed socket closes. */
class ChatEndpointJvmErrorTest {
    private final RecordingClientChannel channel = new RecordingClientChannel();
    private final ChatEndpoint endpoint = new ChatEndpoint((request, sink) -> {
        throw new StackOverflowError();
    }, channel, 4_000);

    @Test
    void aSeedMessageGetsTheErrorFrameAndThenTheConnectionCloses() {
        // when
        ChatOutcome outcome = endpoint.process("c1", Identity.of("alice"),
                "{\"action\":\"getChatbotResponse\",\"data\":{\"userMessage\":\"Hello\"}}");

        // then
        assertThat(channel.frames()).containsExactly(
                "<!ERROR!>: Something went wrong while answering. Please try again.");
        assertThat(channel.disconnected()).containsExactly("c1");
        assertThat(outcome.error()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void aTypedMessageGetsOneInternalErrorFrameAndTheConnectionStaysOpen() {
        // when
        endpoint.process("c1", Identity.of("alice"), "{\"action\":\"sendMessage\",\"requestId\":\"r1\",\"message\":\"Hello\"}");

        // then
        assertThat(channel.frames()).containsExactly("{\"type\":\"error\",\"requestId\":\"r1\",\"code\":\"INTERNAL\","
                + "\"message\":\"Something went wrong while answering. Please try again.\",\"retryable\":true}");
        assertThat(channel.disconnected()).isEmpty();
    }
}
