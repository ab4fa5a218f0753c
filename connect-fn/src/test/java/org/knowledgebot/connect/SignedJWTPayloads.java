package org.knowledgebot.connect;

import com.nimbusds.jose.util.Base64URL;

/** Edits a JWT payload segment as an attacker would, leaving the signature untouched. */
final class SignedJWTPayloads {
    private SignedJWTPayloads() {
    }

    static String withSubject(String payloadSegment, String subject) {
        String json = new Base64URL(payloadSegment).decodeToString();
        return json.replace(TestTokens.SUBJECT, subject);
    }
}
