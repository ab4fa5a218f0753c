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
 * once, by the PUT whose file is written; a second PUT with it is refused, as is any token whose fields were changed.
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

    /**
     * The upload a genuine, unexpired, unused token allows, without using it up; empty for anything else. The route
     * checks the request against it first, so a PUT refused for its type or length leaves the link usable.
     */
    public Optional<Upload> read(String token) {
        return genuine(token).map(Genuine::upload);
    }

    /** Like {@link #read}, and uses the token up: empty when it was used meanwhile. */
    public Optional<Upload> redeem(String token) {
        return genuine(token).filter(found -> redeemed.putIfAbsent(found.nonce(), found.upload().expiresAt()) == null)
                .map(Genuine::upload);
    }

    /** Makes a redeemed token usable again, as when the file it carried could not be written: the link is not spent. */
    public void release(String token) {
        genuine(token, false).ifPresent(found -> redeemed.remove(found.nonce()));
    }

    private record Genuine(Upload upload, String nonce) {
    }

    private Optional<Genuine> genuine(String token) {
        return genuine(token, true);
    }

    /** The token's fields when its signature holds and it has not expired (nor, when {@code unused}, been redeemed). */
    private Optional<Genuine> genuine(String token, boolean unused) {
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
        if (!now.isBefore(expiresAt) || unused && redeemed.containsKey(fields[4])) {
            return Optional.empty();
        }
        return Optional.of(new Genuine(new Upload(fields[0], fields[1], Long.parseLong(fields[2]), expiresAt), fields[4]));
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
