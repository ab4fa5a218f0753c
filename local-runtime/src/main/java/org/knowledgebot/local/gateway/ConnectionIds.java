package org.knowledgebot.local.gateway;

import java.security.SecureRandom;
import java.util.Base64;

/** Connection ids shaped like API Gateway's ({@code L0SM9cOFvHcCIhw=}): 11 random bytes, URL-safe base64. */
final class ConnectionIds {
    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[11];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
