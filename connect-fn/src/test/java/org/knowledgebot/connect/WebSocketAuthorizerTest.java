package org.knowledgebot.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.aws.InProcessLambdaContext;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.observability.UserHash;
import org.knowledgebot.core.testing.MutableClock;

class WebSocketAuthorizerTest {
    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/$connect";

    // One key for the class: generating 2048-bit RSA keys is the slowest thing these tests do.
    private static final RSAKey POOL_KEY = TestTokens.newKey("pool-key-1");
    private final RSAKey poolKey = POOL_KEY;
    private final MutableClock clock = new MutableClock(TestTokens.NOW);
    private final List<String> logLines = new ArrayList<>();
    private JwksServer jwks;
    private WebSocketAuthorizer authorizer;

    @BeforeEach
    void setUp() throws Exception {
        jwks = new JwksServer(List.of(poolKey));
        CognitoJwtVerifier verifier = new CognitoJwtVerifier(TestTokens.ISSUER, TestTokens.CLIENT_ID,
                new RemoteJwks(jwks.url(), clock), clock);
        authorizer = new WebSocketAuthorizer(verifier, new EventLog(logLines::add, clock));
    }

    @AfterEach
    void tearDown() {
        jwks.close();
    }

    private IamPolicyResponse authorize(String fixture, String token) {
        return authorizer.handleRequest(Fixtures.event(fixture, APIGatewayCustomAuthorizerEvent.class, token),
                new InProcessLambdaContext("connect-fn", "7c1e9a52-0b7d-4d4f-9f3e-1a2b3c4d5e6f"));
    }

    @Test
    void validQueryStringTokenIsAllowedOnTheMethodArnWithTheIdentityContext() throws Exception {
        // given
        String token = TestTokens.idToken(poolKey);

        // when
        IamPolicyResponse response = authorize("websocket-connect-authorizer.json", token);

        // then the JSON that Lambda returns to API Gateway has the exact authorizer response shape
        JsonNode json = Fixtures.JSON.readTree(Fixtures.JSON.writeValueAsString(response));
        assertThat(json.get("principalId").asText()).isEqualTo(TestTokens.SUBJECT);
        assertThat(json.get("policyDocument").get("Version").asText()).isEqualTo("2012-10-17");
        JsonNode statement = json.get("policyDocument").get("Statement").get(0);
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.get("Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(statement.get("Resource").get(0).asText()).isEqualTo(METHOD_ARN);
        assertThat(json.get("context").get("userId").asText()).isEqualTo(TestTokens.SUBJECT);
        assertThat(json.get("context").get("username").asText()).isEqualTo("alice");
        assertThat(json.get("context").get("groups").asText()).isEqualTo("staff,admins");
        json.get("context").forEach(value -> assertThat(value.isValueNode()).isTrue());
    }

    @Test
    void tokenOfferedAsSubprotocolIsAccepted() {
        // given
        String token = TestTokens.idToken(poolKey);

        // when
        IamPolicyResponse response = authorize("websocket-connect-authorizer-subprotocol.json", token);

        // then
        assertThat(response.getPrincipalId()).isEqualTo(TestTokens.SUBJECT);
    }

    @Test
    void userWithoutGroupsGetsAnEmptyGroupsString() {
        // given
        String token = TestTokens.idToken(poolKey, claims -> claims.claim("cognito:groups", null));

        // when
        IamPolicyResponse response = authorize("websocket-connect-authorizer.json", token);

        // then
        assertThat(response.getContext()).containsEntry("groups", "");
    }

    @Test
    void expiredTokenIsUnauthorized() {
        // given
        String token = TestTokens.idToken(poolKey);
        clock.advance(Duration.ofHours(2));

        // when / then
        assertThatThrownBy(() -> authorize("websocket-connect-authorizer.json", token))
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessage("Unauthorized");
    }

    @Test
    void missingTokenIsUnauthorized() {
        // given
        APIGatewayCustomAuthorizerEvent event = Fixtures.event("websocket-connect-authorizer.json",
                APIGatewayCustomAuthorizerEvent.class, "");
        event.setQueryStringParameters(null);

        // when / then
        assertThatThrownBy(() -> authorizer.handleRequest(event, null)).hasMessage("Unauthorized");
        assertThat(jwks.requests()).isZero();
    }

    @Test
    void garbageTokenIsUnauthorized() {
        // when / then
        assertThatThrownBy(() -> authorize("websocket-connect-authorizer.json", "undefined")).hasMessage("Unauthorized");
    }

    @Test
    void eventWithoutMethodArnIsUnauthorized() {
        // given
        APIGatewayCustomAuthorizerEvent event = Fixtures.event("websocket-connect-authorizer.json",
                APIGatewayCustomAuthorizerEvent.class, TestTokens.idToken(poolKey));
        event.setMethodArn(null);

        // when / then
        assertThatThrownBy(() -> authorizer.handleRequest(event, null)).hasMessage("Unauthorized");
    }

    @Test
    void logsOneLinePerDecisionWithTheUserHashAndNeverTheTokenOrUserId() throws Exception {
        // given a valid token, an expired one and a forged one, with stdout and stderr captured too
        String valid = TestTokens.idToken(poolKey);
        String forged = TestTokens.idToken(TestTokens.newKey(poolKey.getKeyID()));
        String expired = TestTokens.idToken(poolKey, claims -> claims.expirationTime(Date.from(
                TestTokens.NOW.minus(Duration.ofHours(1)))));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));

        // when
        try {
            authorize("websocket-connect-authorizer.json", valid);
            for (String rejected : List.of(forged, expired)) {
                assertThatThrownBy(() -> authorize("websocket-connect-authorizer.json", rejected)).hasMessage("Unauthorized");
            }
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        // then
        assertThat(logLines).hasSize(3);
        JsonNode allowed = Fixtures.JSON.readTree(logLines.get(0));
        assertThat(allowed.get("outcome").asText()).isEqualTo("allowed");
        assertThat(allowed.get("userHash").asText()).isEqualTo(UserHash.of(TestTokens.SUBJECT));
        assertThat(allowed.get("requestId").asText()).isEqualTo("7c1e9a52-0b7d-4d4f-9f3e-1a2b3c4d5e6f");
        assertThat(Fixtures.JSON.readTree(logLines.get(1)).get("outcome").asText()).isEqualTo("denied: bad signature");
        assertThat(Fixtures.JSON.readTree(logLines.get(2)).get("errorCode").asText()).isEqualTo("UNAUTHORIZED");
        String everything = String.join("\n", logLines) + console.toString(StandardCharsets.UTF_8);
        for (String token : List.of(valid, forged, expired)) {
            for (String segment : token.split("\\.")) {
                assertThat(everything).doesNotContain(segment);
            }
        }
        assertThat(everything).doesNotContain(TestTokens.SUBJECT).doesNotContain("alice");
    }

    @Test
    void bearerPrefixInTheQueryStringIsTolerated() {
        // given
        APIGatewayCustomAuthorizerEvent event = Fixtures.event("websocket-connect-authorizer.json",
                APIGatewayCustomAuthorizerEvent.class, "");
        event.setQueryStringParameters(new HashMap<>(Map.of("Authorization", "Bearer " + TestTokens.idToken(poolKey))));

        // when
        IamPolicyResponse response = authorizer.handleRequest(event, null);

        // then
        assertThat(response.getPrincipalId()).isEqualTo(TestTokens.SUBJECT);
    }
}
