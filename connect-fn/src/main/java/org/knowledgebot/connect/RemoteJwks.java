package org.knowledgebot.connect;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JSON Web Key Set fetched over HTTPS and kept for the life of the execution environment. An unknown key id
 * (Cognito rotated its keys) triggers a refetch, at most once per {@link #MIN_REFRESH_INTERVAL}, so a flood of
 * tokens with made-up key ids cannot turn the authorizer into a load generator against the key endpoint.
 */
public final class RemoteJwks implements JwksSource {
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final URI url;
    private final Clock clock;
    private Map<String, RSAKey> keysById = Map.of();
    private Instant lastFetchAttempt;

    public RemoteJwks(URI url, Clock clock) {
        this.url = url;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<RSAKey> find(String keyId) throws InvalidTokenException {
        RSAKey cached = keysById.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Instant now = clock.instant();
        if (lastFetchAttempt != null && now.isBefore(lastFetchAttempt.plus(MIN_REFRESH_INTERVAL))) {
            return Optional.empty();
        }
        lastFetchAttempt = now;
        keysById = fetchSigningKeys();
        return Optional.ofNullable(keysById.get(keyId));
    }

    private Map<String, RSAKey> fetchSigningKeys() throws InvalidTokenException {
        try {
            JWKSet set = JWKSet.parse(download());
            return set.getKeys().stream()
                    .filter(RSAKey.class::isInstance)
                    .map(RSAKey.class::cast)
                    .filter(key -> key.getKeyID() != null)
                    .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                    .collect(Collectors.toUnmodifiableMap(JWK::getKeyID, Function.identity(),
                            (first, second) -> first));
        } catch (IOException | ParseException e) {
            // Keep what we had: a key endpoint hiccup must not revoke keys that were valid a minute ago.
            if (!keysById.isEmpty()) {
                return keysById;
            }
            throw new InvalidTokenException("signing keys unavailable from " + url + ": " + e.getMessage());
        }
    }

    private String download() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setRequestProperty("Accept", "application/json");
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new IOException("key set larger than " + MAX_BODY_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }
}
