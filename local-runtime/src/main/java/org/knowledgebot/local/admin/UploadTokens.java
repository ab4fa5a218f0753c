package org.knowledgebot.local.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single-use upload tokens, the local stand-in for a presigned S3 URL: the token names one path, content type and
 * size until it expires, signed with HMAC-SHA256 under a key made at start (never written). A token is redeemed
 * once; a second PUT with it is refused, as is any token whose fields were changed.
 */
public final class UploadTokens {
    /** What a token allows. */
    public record Upload(String path, String contentType, long size, Instant expiresAt) {
    }

    private final byte[] key = new byte[32];
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();

    public UploadTokens(Clock clock) {
        this.clock = clock;
        random.nextBytes(key);
    }

    public String issue(Upload upload) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload = String.join("\n", upload.path(), upload.contentType(), Long.toString(upload.size()),
                Long.toString(upload.expiresAt().getEpochSecond()), Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(mac(payload));
    }

    /** The upload a genuine, unexpired, unused token allows, now used up; empty for anything else. */
    public Optional<Upload> redeem(String token) {
        Instant now = clock.instant();
        redeemed.values().removeIf(expiry -> expiry.isBefore(now));
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String payload;
        byte[] signature;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            // Not Base64: a forged or damaged token, refused like any other bad one.
            return Optional.empty();
        }
        String[] fields = payload.split("\n", -1);
        if (fields.length != 5 || !MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[3]));
        if (!now.isBefore(expiresAt) || redeemed.putIfAbsent(fields[4], expiresAt) != null) {
            return Optional.empty();
        }
        return Optional.of(new Upload(fields[0], fields[1], Long.parseLong(fields[2]), expiresAt));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
