package org.knowledgebot.infra.stacks;

import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.Nag;
import org.knowledgebot.infra.constructs.PageSecurityHeadersFile;
import org.knowledgebot.infra.constructs.PrivateBuckets;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * Where the chat page is served from: a private bucket that only CloudFront may read (origin access control).
 * Kept apart from the page's content ({@link WebContentStack}) because the user pool's callback URL needs the
 * distribution's address before the page's config.js can name the user pool.
 */
public class WebHostingStack extends Stack {

    private final Bucket siteBucket;
    private final Distribution distribution;

    public WebHostingStack(Construct scope, String id, StackProps props, StageConfig config, PageSecurityHeadersFile headers) {
        super(scope, id, props);
        Bucket accessLogs = PrivateBuckets.accessLogs(this, "AccessLogs", config.retainData(), true);
        siteBucket = PrivateBuckets.create(this, "Site", config.retainData(), accessLogs);
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Knowledge chatbot page (" + config.stage() + ")")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(siteBucket))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .responseHeadersPolicy(pageHeaders(config, headers))
                        .build())
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(accessLogs)
                .logFilePrefix("cloudfront/")
                .build();
        Nag.suppress(distribution, "AwsSolutions-CFR4",
                "The page is served on the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes;"
                        + " a custom domain with its own certificate and TLSv1.2_2021 is a per-organisation addition.");
        Nag.suppress(distribution, "AwsSolutions-CFR1",
                "The chatbot is not restricted by country; access is controlled by Cognito sign-in.");
        Nag.suppress(distribution, "AwsSolutions-CFR2",
                "The distribution serves static files only; the APIs it calls are throttled by API Gateway and"
                        + " require a Cognito token. A WAF web ACL can be attached per organisation.");

        CfnOutput.Builder.create(this, "PageUrl").value(pageUrl()).build();
    }

    /**
     * Security headers of every page response, from the definition the local runtime serves too. The page may
     * connect only to API Gateway and Cognito in this region, so that model output or a document title that slipped
     * past the page's escaping still could not send data elsewhere. The API ids are not known here (the APIs are
     * created after the page's address), hence the host wildcards.
     */
    private ResponseHeadersPolicy pageHeaders(StageConfig config, PageSecurityHeadersFile headers) {
        String apiHosts = "*.execute-api." + getRegion() + "." + getUrlSuffix();
        String connect = "'self' https://" + apiHosts + " wss://" + apiHosts + " https://*.auth." + getRegion()
                + ".amazoncognito.com" + config.importedUserPool().map(pool -> " " + pool.cognitoDomainUrl()).orElse("");
        return ResponseHeadersPolicy.Builder.create(this, "PageHeaders")
                .comment("Knowledge chatbot page security headers (" + config.stage() + ")")
                .securityHeadersBehavior(headers.behaviour(connect))
                .build();
    }

    /** https URL of the chat page; the user pool's callback URL and the APIs' allowed origin. */
    public String pageUrl() {
        return "https://" + distribution.getDistributionDomainName();
    }

    public Bucket siteBucket() {
        return siteBucket;
    }

    public Distribution distribution() {
        return distribution;
    }
}
