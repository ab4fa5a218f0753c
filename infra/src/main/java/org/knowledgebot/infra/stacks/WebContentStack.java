package org.knowledgebot.infra.stacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.IDistribution;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The chat page itself: the repository's {@code web/} folder plus a generated {@code config.js} naming this stage's
 * WebSocket URL, session route and user pool, copied into the site bucket; CloudFront's cache is cleared after.
 */
public class WebContentStack extends Stack {

    public static final String CONFIG_FILE = "config.js";

    /** The values config.js carries (tokens resolved at deploy time). */
    public record PageConfig(String websocketUrl, String sessionApiUrl, String region, String userPoolId,
                             String clientId, String cognitoDomainUrl) {
    }

    public WebContentStack(Construct scope, String id, StackProps props, Path webDir, IBucket siteBucket,
                           IDistribution distribution, PageConfig pageConfig) {
        super(scope, id, props);
        BucketDeployment.Builder.create(this, "Page")
                .sources(List.of(
                        Source.asset(webDir.toString()),
                        Source.data(CONFIG_FILE, configScript(pageConfig))))
                .destinationBucket(siteBucket)
                // The page is a few small files: browsers revalidate each load, so a deployment is seen at once.
                .cacheControl(List.of(CacheControl.noCache()))
                .distribution(distribution)
                .distributionPaths(List.of("/*"))
                .build();
    }

    /** {@code window.CHATBOT_CONFIG = {...};} as the page reads it. */
    static String configScript(PageConfig config) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("mode", "cognito");
        auth.put("region", config.region());
        auth.put("userPoolId", config.userPoolId());
        auth.put("clientId", config.clientId());
        auth.put("cognitoDomain", config.cognitoDomainUrl());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("websocketUrl", config.websocketUrl());
        settings.put("sessionApiUrl", config.sessionApiUrl());
        settings.put("auth", auth);
        try {
            return "window.CHATBOT_CONFIG = " + new ObjectMapper().writeValueAsString(settings) + ";\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config.js", e);
        }
    }
}
