package org.knowledgebot.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A stand-in for a Cognito user pool: an RSA key pair made at start (never written anywhere), its public JWKS,
 * and ID tokens shaped like Cognito's ({@code sub}, {@code cognito:username}, {@code token_use=id},
 * {@code aud} = the local client id, {@code iss} = the local issuer). {@code sub} is derived from the username,
 * so the same name is the same user across restarts and its sessions are found again.
 */
public final class LocalTokenIssuer {
    public static final String CLIENT_ID = "local-chatbot-client";
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final int MAX_GROUPS = 10;

    private final String issuer;
    private final RSAKey key;
    private final Clock clock;

    public LocalTokenIssuer(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the local signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The public key set, as served at {@code /.well-known/jwks.json}. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** Up to {@value #MAX_GROUPS} group names of 1 to 64 letters, digits or . _ - (Cognito's group names are wider). */
    public static boolean isValidGroups(List<String> groups) {
        return groups.size() <= MAX_GROUPS && groups.stream().allMatch(group -> group != null && GROUP.matcher(group).matches());
    }

    /** The stable subject of a username. */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("local-user:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Mints an ID token for {@code username} without groups, valid for {@link #LIFETIME}. */
    public String idToken(String username) {
        return idToken(username, List.of());
    }

    /** Mints an ID token for {@code username} in {@code groups} (Cognito's {@code cognito:groups} claim). */
    public String idToken(String username, List<String> groups) {
        if (!isValidUsername(username) || !isValidGroups(groups)) {
            throw new IllegalArgumentException("a username is 1 to 64 letters, digits or . _ @ + -; groups are names of letters, digits or . _ -");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subjectOf(username))
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("cognito:username", username)
                .claim("cognito:groups", groups.isEmpty() ? null : groups)
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return jwt.serialize();
    }
}
