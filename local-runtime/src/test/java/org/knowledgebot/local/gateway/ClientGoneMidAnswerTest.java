package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.http.LocalUser;

class ClientGoneMidAnswerTest {
    @Test
    void aSlowAnswerOnOneConnectionDoesNotHoldUpAnother(@TempDir Path data) throws Exception {
        // given: an answer that streams slowly on the first connection (half a second between deltas)
        try (RunningChatbot chatbot = RunningChatbot.start(data, Map.of("LOCAL_PACE_MS", "500"));
             WsClient slow = chatbot.connect();
             WsClient other = WsClient.connect(chatbot.socketUri("Authorization=ignored-when-auth-is-off").resolve("/socket/"))) {
            slow.send("{\"action\":\"sendMessage\",\"requestId\":\"slow\",\"message\":\"How much does a residential parking permit cost?\"}");
            assertThat(slow.next()).contains("\"type\":\"start\"");

            // when
            other.send("{\"action\":\"launchRockets\"}");
            String otherAnswer = other.next();

            // then: the other connection was answered while the slow answer is still streaming
            assertThat(otherAnswer).contains("\"type\":\"error\"", "BAD_REQUEST");
            assertThat(slow.drain()).noneMatch(frame -> frame.contains("\"type\":\"end\""));
            assertThat(slow.isClosed()).isFalse();
        }
    }

    @Test
    void aClientThatDisconnectsMidAnswerStopsTheGenerationAndTheTurnIsRecordedAsCancelled(@TempDir Path data) throws Exception {
        // given: a slow offline model, 300 ms between deltas, so the whole answer would take more than ten seconds
        try (RunningChatbot chatbot = RunningChatbot.start(data, Map.of("LOCAL_PACE_MS", "300"))) {
            SessionStore sessions = chatbot.runtime().component().sessionStore();
            WsClient client = chatbot.connect();
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"slow-1\",\"sessionId\":\"gone-session\","
                    + "\"message\":\"How much does a residential parking permit cost and how do I apply?\"}");
            assertThat(client.next()).contains("\"type\":\"start\"");
            assertThat(client.next()).contains("\"type\":\"token\"");

            // when
            client.abort();

            // then
            Turn recorded = chatbot.savedSession(LocalUser.ID, "gone-session", 1).turns().get(0);
            assertThat(recorded).satisfies(turn -> {
                assertThat(turn.status()).isEqualTo(TurnStatus.CANCELLED);
                assertThat(turn.user()).startsWith("How much does a residential parking permit cost");
                assertThat(turn.chatbot().split("\\s+").length).as("generation stopped after a few deltas").isLessThan(20);
            });
            List<SessionSummary> listed = sessions.listRecent(LocalUser.ID, 15);
            assertThat(listed).extracting(SessionSummary::sessionId).contains("gone-session");
            assertThat(chatbot.runtime().connections().size()).isZero();
        }
    }
}
