package org.knowledgebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Identity;

class AuthorizerIdentityTest {
    @Test
    void readsUserNameAndGroupsFromTheAuthorizerContext() {
        // given
        APIGatewayV2WebSocketEvent event = WebSocketEvents.load("send-message.json");

        // when
        Identity identity = AuthorizerIdentity.from(event);

        // then
        assertThat(identity).isEqualTo(new Identity("7f3a9c2e-1b4d-4e8f-a6c5-2d9e0b1f3a47", "maria.lopez",
                List.of("residents", "beta-testers")));
    }

    @Test
    void fallsBackToThePrincipalIdWhenTheContextHasNoUserId() {
        // given
        APIGatewayV2WebSocketEvent event = eventWithAuthorizer(Map.of("principalId", "sub-1", "groups", " ,a, "));

        // when
        Identity identity = AuthorizerIdentity.from(event);

        // then
        assertThat(identity).isEqualTo(new Identity("sub-1", "sub-1", List.of("a")));
    }

    @Test
    void noAuthorizerOrNoUserMeansNoIdentity() {
        assertThat(AuthorizerIdentity.from(eventWithAuthorizer(null))).isNull();
        assertThat(AuthorizerIdentity.from(eventWithAuthorizer(Map.of("username", "mallory")))).isNull();
        assertThat(AuthorizerIdentity.from(new APIGatewayV2WebSocketEvent())).isNull();
        assertThat(AuthorizerIdentity.from(null)).isNull();
    }

    private static APIGatewayV2WebSocketEvent eventWithAuthorizer(Map<String, Object> authorizer) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setAuthorizer(authorizer == null ? null : new HashMap<>(authorizer));
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        return event;
    }
}
