package org.knowledgebot.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.domain.Identity;

/** The graph Lambda builds, from the function's environment variables. */
class ConnectGraphTest {
    @Test
    void issuerIsDerivedFromRegionAndUserPool() throws Exception {
        // given
        RSAKey key = TestTokens.newKey("pool-key-1");
        String token = TestTokens.idTokenValidFromNowFor(key, Duration.ofMinutes(10));
        try (JwksServer jwks = new JwksServer(List.of(key))) {
            ConnectGraph graph = DaggerConnectGraph.factory().create(new Environment(Map.of(
                    "AWS_REGION", "us-east-1",
                    "USER_POOL_ID", "us-east-1_TestPool",
                    "USER_POOL_CLIENT_ID", TestTokens.CLIENT_ID,
                    "JWKS_URL", jwks.url().toString())));

            // when
            Identity identity = graph.verifier().verify(token);

            // then
            assertThat(identity.userId()).isEqualTo(TestTokens.SUBJECT);
            assertThat(jwks.requests()).isEqualTo(1);
        }
    }

    @Test
    void missingClientIdFailsAtInitNamingTheVariable() {
        // given
        ConnectGraph graph = DaggerConnectGraph.factory().create(new Environment(Map.of(
                "AWS_REGION", "us-east-1", "USER_POOL_ID", "us-east-1_TestPool")));

        // when / then
        assertThatThrownBy(graph::verifier)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("USER_POOL_CLIENT_ID");
    }

    @Test
    void missingUserPoolFailsAtInitNamingTheVariable() {
        // given
        ConnectGraph graph = DaggerConnectGraph.factory().create(new Environment(Map.of(
                "AWS_REGION", "us-east-1", "USER_POOL_CLIENT_ID", TestTokens.CLIENT_ID)));

        // when / then
        assertThatThrownBy(graph::verifier).hasMessageContaining("USER_POOL_ID");
    }

    @Test
    void connectionHandlersNeedNoUserPoolSettings() {
        // given
        ConnectGraph graph = DaggerConnectGraph.factory().create(new Environment(Map.of()));

        // when
        ConnectHandler handler = new ConnectHandler(graph.eventLog());

        // then
        assertThat(handler.handleRequest(null, null).getStatusCode()).isEqualTo(200);
    }
}
