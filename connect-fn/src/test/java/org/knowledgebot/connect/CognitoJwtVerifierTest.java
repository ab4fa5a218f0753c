package org.knowledgebot.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.testing.MutableClock;

class CognitoJwtVerifierTest {
    // One key for the class: generating 2048-bit RSA keys is the slowest thing these tests do.
    private static final RSAKey POOL_KEY = TestTokens.newKey("pool-key-1");
    private final RSAKey poolKey = POOL_KEY;
    private final MutableClock clock = new MutableClock(TestTokens.NOW);
    private JwksServer jwks;
    private CognitoJwtVerifier verifier;

    @BeforeEach
    void startKeyEndpoint() throws Exception {
        jwks = new JwksServer(List.of(poolKey));
        verifier = new CognitoJwtVerifier(TestTokens.ISSUER, TestTokens.CLIENT_ID, new RemoteJwks(jwks.url(), clock), clock);
    }

    @AfterEach
    void stopKeyEndpoint() {
        jwks.close();
    }

    @Test
    void validIdTokenYieldsSubjectUsernameAndGroups() throws Exception {
        // given
        String token = TestTokens.idToken(poolKey);

        // when
        Identity identity = verifier.verify(token);

        // then
        assertThat(identity).isEqualTo(new Identity(TestTokens.SUBJECT, "alice", List.of("staff", "admins")));
    }

    @Test
    void keySetIsFetchedOnceAndReusedAcrossTokens() throws Exception {
        // given
        String first = TestTokens.idToken(poolKey);
        String second = TestTokens.idToken(poolKey, claims -> claims.claim("cognito:username", "alice2"));

        // when
        verifier.verify(first);
        verifier.verify(second);
        verifier.verify(first);

        // then
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void accessTokenOfTheAppClientIsAccepted() throws Exception {
        // given
        String token = TestTokens.accessToken(poolKey, TestTokens.CLIENT_ID);

        // when
        Identity identity = verifier.verify(token);

        // then
        assertThat(identity.userId()).isEqualTo(TestTokens.SUBJECT);
        assertThat(identity.username()).isEqualTo("alice");
    }

    @Test
    void accessTokenOfAnotherAppClientIsRejected() {
        // given
        String token = TestTokens.accessToken(poolKey, "some-other-client");

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessage("wrong client id");
    }

    @Test
    void expiredTokenIsRejected() {
        // given
        String token = TestTokens.idToken(poolKey);
        clock.advance(Duration.ofMinutes(55).plus(CognitoJwtVerifier.CLOCK_SKEW));

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessage("token expired");
    }

    @Test
    void tokenJustPastExpiryIsAcceptedWithinTheClockSkew() throws Exception {
        // given
        String token = TestTokens.idToken(poolKey);
        clock.advance(Duration.ofMinutes(55).plusSeconds(10));

        // when
        Identity identity = verifier.verify(token);

        // then
        assertThat(identity.userId()).isEqualTo(TestTokens.SUBJECT);
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        // given
        String token = TestTokens.idToken(poolKey, claims -> claims.expirationTime(null));

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("token has no expiry");
    }

    @Test
    void tokenNotValidYetIsRejected() {
        // given
        String token = TestTokens.idToken(poolKey,
                claims -> claims.notBeforeTime(Date.from(TestTokens.NOW.plus(Duration.ofMinutes(2)))));

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("token not valid yet");
    }

    @Test
    void tokenOfAnotherIssuerIsRejected() {
        // given
        String token = TestTokens.idToken(poolKey,
                claims -> claims.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool"));

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("wrong issuer");
    }

    @Test
    void idTokenForAnotherAudienceIsRejected() {
        // given
        String token = TestTokens.idToken(poolKey, claims -> claims.audience("another-app-client"));

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("wrong audience");
    }

    @Test
    void tokenWithUnexpectedTokenUseIsRejected() {
        // given
        String token = TestTokens.idToken(poolKey, claims -> claims.claim("token_use", "refresh"));

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("token_use is neither id nor access");
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        // given
        String token = new PlainJWT(new JWTClaimsSet.Builder()
                .subject(TestTokens.SUBJECT).issuer(TestTokens.ISSUER).audience(TestTokens.CLIENT_ID)
                .claim("token_use", "id")
                .expirationTime(Date.from(TestTokens.NOW.plus(Duration.ofHours(1)))).build()).serialize();

        // when / then
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);
        assertThat(jwks.requests()).isZero();
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRejected() throws Exception {
        // given an algorithm-confusion attempt: HS256 with the pool's public modulus as the shared secret
        byte[] secret = poolKey.toPublicJWK().getModulus().decode();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(poolKey.getKeyID()).build(),
                SignedJWT.parse(TestTokens.idToken(poolKey)).getJWTClaimsSet());
        forged.sign(new MACSigner(secret));

        // when / then
        assertThatThrownBy(() -> verifier.verify(forged.serialize())).hasMessage("algorithm not accepted (RS256 only)");
    }

    @Test
    void tokenWithTamperedClaimsIsRejected() {
        // given a valid token whose payload is swapped for one naming another user
        String[] parts = TestTokens.idToken(poolKey).split("\\.");
        String otherPayload = Base64URL.encode(SignedJWTPayloads.withSubject(parts[1], "victim-user")
                .getBytes(StandardCharsets.UTF_8)).toString();
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];

        // when / then
        assertThatThrownBy(() -> verifier.verify(tampered)).hasMessage("bad signature");
    }

    @Test
    void tokenSignedByAnotherKeyWithTheSameKeyIdIsRejected() {
        // given
        RSAKey attackerKey = TestTokens.newKey(poolKey.getKeyID());

        // when / then
        assertThatThrownBy(() -> verifier.verify(TestTokens.idToken(attackerKey))).hasMessage("bad signature");
    }

    @Test
    void unknownKeyIdRefetchesOnceThenDenies() throws Exception {
        // given the key set is already cached
        verifier.verify(TestTokens.idToken(poolKey));
        String strangerToken = TestTokens.idToken(TestTokens.newKey("unknown-kid"));
        clock.advance(RemoteJwks.MIN_REFRESH_INTERVAL);

        // when / then
        assertThatThrownBy(() -> verifier.verify(strangerToken)).hasMessage("unknown signing key id");
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void unknownKeyIdsRefetchAtMostOncePerMinute() throws Exception {
        // given
        verifier.verify(TestTokens.idToken(poolKey));
        clock.advance(RemoteJwks.MIN_REFRESH_INTERVAL);

        // when a burst of tokens with made-up key ids arrives within one minute
        for (int i = 0; i < 20; i++) {
            String token = TestTokens.idToken(new RSAKey.Builder(poolKey).keyID("made-up-" + i).build());
            assertThatThrownBy(() -> verifier.verify(token)).hasMessage("unknown signing key id");
            clock.advance(Duration.ofSeconds(2));
        }

        // then only the first one reached the key endpoint
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void rotatedKeyIsPickedUpByRefetch() throws Exception {
        // given
        verifier.verify(TestTokens.idToken(poolKey));
        RSAKey rotated = TestTokens.newKey("pool-key-2");
        jwks.publish(List.of(poolKey, rotated));
        clock.advance(RemoteJwks.MIN_REFRESH_INTERVAL);

        // when
        Identity identity = verifier.verify(TestTokens.idToken(rotated));

        // then
        assertThat(identity.userId()).isEqualTo(TestTokens.SUBJECT);
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void garbageIsRejectedWithoutFetchingKeys() {
        // when / then
        assertThatThrownBy(() -> verifier.verify("not.a.jwt-at-all")).hasMessage("token is not a signed JWT");
        assertThatThrownBy(() -> verifier.verify("%%%")).hasMessage("token is not a signed JWT");
        assertThat(jwks.requests()).isZero();
    }

    @Test
    void missingTokenIsRejected() {
        // when / then
        assertThatThrownBy(() -> verifier.verify(null)).hasMessage("missing token");
        assertThatThrownBy(() -> verifier.verify("  ")).hasMessage("missing token");
    }

    @Test
    void unreachableKeyEndpointDeniesWithoutTheToken() {
        // given
        jwks.close();
        String token = TestTokens.idToken(poolKey);

        // when / then
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("signing keys unavailable")
                .message().doesNotContain(token);
    }

    @Test
    void knownKeysKeepWorkingWhenTheKeyEndpointFailsLater() throws Exception {
        // given the keys were fetched, then the endpoint went away
        verifier.verify(TestTokens.idToken(poolKey));
        jwks.close();
        clock.advance(RemoteJwks.MIN_REFRESH_INTERVAL);
        String strangerToken = TestTokens.idToken(new RSAKey.Builder(poolKey).keyID("rotated-kid").build());

        // when
        assertThatThrownBy(() -> verifier.verify(strangerToken)).hasMessage("unknown signing key id");
        Identity identity = verifier.verify(TestTokens.idToken(poolKey));

        // then
        assertThat(identity.userId()).isEqualTo(TestTokens.SUBJECT);
    }

    @Test
    void encryptionKeysInTheSetAreNotUsedForSignatures() {
        // given a key set that publishes the pool key for encryption only
        jwks.publish(List.of(new RSAKey.Builder(poolKey).keyUse(KeyUse.ENCRYPTION).build()));

        // when / then
        assertThatThrownBy(() -> verifier.verify(TestTokens.idToken(poolKey))).hasMessage("unknown signing key id");
    }
}
