package org.knowledgebot.connect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Mints Cognito-shaped tokens signed with keys generated for the test run. */
final class TestTokens {
    static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool";
    static final String CLIENT_ID = "7ab1cdefghijklmnopqrstu2vw";
    static final String SUBJECT = "4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59";
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private TestTokens() {
    }

    static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid ID token as Cognito issues it; {@code edit} changes claims for the negative cases. */
    static String idToken(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> edit) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(SUBJECT)
                .issuer(ISSUER)
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("cognito:username", "alice")
                .claim("cognito:groups", List.of("staff", "admins"))
                .claim("email", "alice@example.com")
                .issueTime(Date.from(NOW.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(55))));
        return sign(key, edit.apply(claims).build());
    }

    static String idToken(RSAKey key) {
        return idToken(key, UnaryOperator.identity());
    }

    /** A valid ID token issued now by the wall clock, for a verifier that reads the system clock. */
    static String idTokenValidFromNowFor(RSAKey key, Duration lifetime) {
        Instant now = Instant.now();
        return idToken(key, claims -> claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))));
    }

    static String accessToken(RSAKey key, String clientId) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(SUBJECT)
                .issuer(ISSUER)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("username", "alice")
                .claim("scope", "openid email")
                .issueTime(Date.from(NOW.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(55))))
                .build();
        return sign(key, claims);
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
