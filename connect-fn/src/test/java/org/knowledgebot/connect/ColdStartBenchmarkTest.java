package org.knowledgebot.connect;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.testing.ColdStart;

/**
 * Cold start of the connect function: a fresh JVM builds the graph and handles one event against an instant local
 * key endpoint, next to a hello-world handler started the same way. Prints medians and ratios; asserts only that
 * each run answered correctly, never timing.
 */
@Tag("bench")
class ColdStartBenchmarkTest {
    private static final int RUNS = 7;

    @Test
    void coldStartAgainstHelloWorld() throws Exception {
        // given
        RSAKey key = TestTokens.newKey("bench-key");
        String token = TestTokens.idTokenValidFromNowFor(key, Duration.ofHours(1));
        try (JwksServer jwks = new JwksServer(List.of(key))) {
            Map<String, String> environment = Map.of(
                    "AWS_REGION", "us-east-1",
                    "USER_POOL_CLIENT_ID", TestTokens.CLIENT_ID,
                    "JWT_ISSUER", TestTokens.ISSUER,
                    "JWKS_URL", jwks.url().toString(),
                    "BENCH_TOKEN", token);
            ColdStart coldStart = new ColdStart("connect-fn", ColdStartMain.class);

            // when / then: every launch answers as expected (checked by launch)
            for (int run = 0; run < RUNS; run++) {
                coldStart.launch("hello-world handler", "hello", environment, "200");
                coldStart.launch("WebSocketAuthorizer", "authorizer", environment, TestTokens.SUBJECT);
                coldStart.launch("ConnectHandler", "connect", environment, "200");
            }
            coldStart.printReport();
        }
    }
}
