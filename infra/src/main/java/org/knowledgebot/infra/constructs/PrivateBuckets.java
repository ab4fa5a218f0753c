package org.knowledgebot.infra.constructs;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The chatbot's buckets all share one shape: no public access, TLS only, encrypted at rest, versioned, access
 * logged. Dev stages empty and delete them with the stack; retained stages keep them.
 */
public final class PrivateBuckets {

    private PrivateBuckets() {
    }

    /**
     * A bucket that receives the access logs of the other buckets of its stack (one per stack, so that the log
     * bucket's policy never refers to another stack's bucket and stacks stay free of reference cycles).
     *
     * @param aclWriters true when CloudFront standard logging writes here, which still needs object ACLs
     */
    public static Bucket accessLogs(Construct scope, String id, boolean retain, boolean aclWriters) {
        return Bucket.Builder.create(scope, id)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .objectOwnership(aclWriters ? ObjectOwnership.BUCKET_OWNER_PREFERRED : ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(365)).build()))
                .removalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .autoDeleteObjects(!retain)
                .build();
    }

    /** A private bucket whose access logs go to {@code accessLogs} under {@code id/}. */
    public static Bucket create(Construct scope, String id, boolean retain, IBucket accessLogs) {
        return Bucket.Builder.create(scope, id)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix(id + "/")
                .removalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .autoDeleteObjects(!retain)
                .build();
    }
}
