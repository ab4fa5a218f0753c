package org.knowledgebot.core.observability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stable, non-reversible short name for a user id, so logs can correlate a user without naming them. */
public final class UserHash {
    private UserHash() {
    }

    /** First 16 hex digits of SHA-256(userId); {@code null} for a null id. */
    public static String of(String userId) {
        if (userId == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
