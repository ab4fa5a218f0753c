package org.knowledgebot.chat.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.knowledgebot.core.port.PromptSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The operator's system prompt from an S3 object, cached for a short TTL so an edited prompt takes effect
 * within minutes without a redeploy and without a GetObject per message. When a refresh fails after a
 * successful read, the last prompt keeps being served (a prompt that was good a minute ago beats no answer).
 */
public final class S3PromptSource implements PromptSource {
    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final Duration ttl;
    private final Clock clock;
    private String cachedPrompt;
    private Instant fetchedAt;

    public S3PromptSource(S3Client s3, String bucket, String key, Duration ttl, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized String systemPrompt() {
        Instant now = clock.instant();
        if (cachedPrompt != null && now.isBefore(fetchedAt.plus(ttl))) {
            return cachedPrompt;
        }
        try {
            cachedPrompt = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asUtf8String();
            fetchedAt = now;
            return cachedPrompt;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new PromptUnavailableException("The system prompt is missing: there is no object '" + key
                    + "' in bucket '" + bucket + "'.", e);
        } catch (SdkException e) {
            if (cachedPrompt != null) {
                // A stale prompt beats no answer; the next call asks S3 again.
                return cachedPrompt;
            }
            throw new PromptUnavailableException("The system prompt could not be read right now.", e);
        }
    }

    /** The prompt could not be read; the message is safe to show and names no credentials. */
    public static final class PromptUnavailableException extends RuntimeException {
        PromptUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
