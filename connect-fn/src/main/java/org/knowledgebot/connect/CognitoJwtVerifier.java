package org.knowledgebot.connect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.domain.Identity;

/**
 * Verifies Amazon Cognito user-pool tokens: RS256 signature by a key of the pool's JWKS, issuer, expiry and
 * not-before (with {@link #CLOCK_SKEW}), {@code token_use} and the app client (the {@code aud} of an ID token, the
 * {@code client_id} of an access token). The local runtime uses the same class with its own issuer and key set.
 */
public record CognitoJwtVerifier(String issuer, String clientId, JwksSource keys, Clock clock) {
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    /**
     * Reads USER_POOL_ID, USER_POOL_CLIENT_ID and AWS_REGION; JWT_ISSUER and JWKS_URL override the Cognito URLs
     * derived from them. Only the key URL is remembered: nothing is fetched until the first token arrives.
     */
    public static CognitoJwtVerifier fromEnvironment(Environment environment, Clock clock) {
        String clientId = environment.required("USER_POOL_CLIENT_ID");
        String issuer = environment.optional("JWT_ISSUER").orElseGet(() -> "https://cognito-idp."
                + environment.required("AWS_REGION") + ".amazonaws.com/" + environment.required("USER_POOL_ID"));
        String jwksUrl = environment.optional("JWKS_URL").orElse(issuer + "/.well-known/jwks.json");
        return new CognitoJwtVerifier(issuer, clientId, new RemoteJwks(URI.create(jwksUrl), clock), clock);
    }

    /** The identity the token proves, or an exception whose message says (without the token) why it does not. */
    public Identity verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("missing token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("token too long");
        }
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("algorithm not accepted (RS256 only)");
        }
        if (header.getKeyID() == null) {
            throw new InvalidTokenException("token has no key id");
        }
        RSAKey key = keys.find(header.getKeyID())
                .orElseThrow(() -> new InvalidTokenException("unknown signing key id"));
        verifySignature(jwt, key);
        return identityFrom(claims(jwt));
    }

    private static SignedJWT parse(String token) throws InvalidTokenException {
        try {
            return SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            // The parser's message quotes the token; the reason is all the log line may carry.
            throw new InvalidTokenException("token is not a signed JWT");
        }
    }

    private static void verifySignature(SignedJWT jwt, RSAKey key) throws InvalidTokenException {
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new InvalidTokenException("bad signature");
            }
        } catch (JOSEException e) {
            // The key does not fit the token's algorithm: a refused token, whose reason says so.
            throw new InvalidTokenException("signature cannot be checked with the signing key");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws InvalidTokenException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            // The parser's message quotes the claims; the reason is all the log line may carry.
            throw new InvalidTokenException("claims are not a JSON object");
        }
    }

    private Identity identityFrom(JWTClaimsSet claims) throws InvalidTokenException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("wrong issuer");
        }
        checkLifetime(claims);
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidTokenException("token has no subject");
        }
        String tokenUse = stringClaim(claims, "token_use");
        if ("id".equals(tokenUse)) {
            List<String> audience = claims.getAudience();
            if (audience == null || !audience.contains(clientId)) {
                throw new InvalidTokenException("wrong audience");
            }
            return new Identity(subject, stringClaim(claims, "cognito:username"), groups(claims));
        }
        if ("access".equals(tokenUse)) {
            if (!clientId.equals(stringClaim(claims, "client_id"))) {
                throw new InvalidTokenException("wrong client id");
            }
            return new Identity(subject, stringClaim(claims, "username"), groups(claims));
        }
        throw new InvalidTokenException("token_use is neither id nor access");
    }

    private void checkLifetime(JWTClaimsSet claims) throws InvalidTokenException {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new InvalidTokenException("token has no expiry");
        }
        if (!now.isBefore(expiry.toInstant().plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token not valid yet");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws InvalidTokenException {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            // The parser's message quotes the claim; the reason is all the log line may carry.
            throw new InvalidTokenException("claim " + name + " is not a string");
        }
    }

    private static List<String> groups(JWTClaimsSet claims) throws InvalidTokenException {
        try {
            List<String> groups = claims.getStringListClaim("cognito:groups");
            return groups == null ? List.of() : groups;
        } catch (ParseException e) {
            // The parser's message quotes the claim; the reason is all the log line may carry.
            throw new InvalidTokenException("claim cognito:groups is not a list of strings");
        }
    }
}
