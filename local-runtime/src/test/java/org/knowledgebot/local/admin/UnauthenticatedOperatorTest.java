package org.knowledgebot.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;

/** With --auth=none whoever runs the runtime runs the chatbot: the local user is an operator. */
class UnauthenticatedOperatorTest {
    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());

    @Test
    void theLocalUserMayUseTheAdminRoutes() throws Exception {
        assertThat(chatbot.get("/admin/feedback").statusCode()).isEqualTo(200);
        assertThat(chatbot.get("/admin/nothing-here").statusCode()).isEqualTo(404);
    }
}
