package org.knowledgebot.connect;

import com.nimbusds.jose.jwk.RSAKey;
import java.util.Optional;

/** Where the verifier finds the public key that signed a token, by key id. */
public interface JwksSource {
    /** The RSA signing key with this id, or empty when the key set has none. */
    Optional<RSAKey> find(String keyId) throws InvalidTokenException;
}
