package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.json;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;
import static org.knowledgebot.infra.Templates.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Sessions table, prompt bucket, user pool and the chat page of the default stage. */
class DataAndWebStacksTest {

    private static TestStages.Synthesized dev;
    private static Template data;
    private static Template hosting;
    private static Template content;
    private static Template auth;

    @BeforeAll
    static void synthesize() {
        dev = TestStages.devKnowledgeBase();
        data = dev.template(dev.deployment().data());
        hosting = dev.template(dev.deployment().webHosting());
        content = dev.template(dev.deployment().webContent());
        auth = dev.template(dev.deployment().auth().orElseThrow());
    }

    @Test
    void theSessionsTableHasTheSharedKeyLayoutTheSparseRecentSessionsIndexPitrAndEncryption() {
        // given
        Map<String, Object> table = properties(resource(data, "AWS::DynamoDB::Table", "Sessions"));

        // when
        String keys = json(table.get("KeySchema"));
        String index = json(table.get("GlobalSecondaryIndexes"));

        // then
        assertThat(keys).isEqualTo("[{\"AttributeName\":\"user_id\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]");
        assertThat(index).isEqualTo("[{\"IndexName\":\"RecentSessions\",\"KeySchema\":[{\"AttributeName\":\"user_id\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"updated_at\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}},"
                + "{\"IndexName\":\"UnsourcedQuestions\",\"KeySchema\":[{\"AttributeName\":\"unsourced\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"created_at\",\"KeyType\":\"RANGE\"}],"
                + "\"Projection\":{\"NonKeyAttributes\":[\"user\"],\"ProjectionType\":\"INCLUDE\"}}]");
        assertThat(json(table.get("AttributeDefinitions"))).contains("{\"AttributeName\":\"updated_at\",\"AttributeType\":\"S\"}",
                "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}", "{\"AttributeName\":\"user_id\",\"AttributeType\":\"S\"}");
        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        assertThat(table.get("SSESpecification")).isEqualTo(Map.of("SSEEnabled", true));
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void theUsageCountersTableHoldsOneItemPerUserAndWindowThatExpires() {
        // given
        Map<String, Object> table = properties(resource(data, "AWS::DynamoDB::Table", "UsageCounters"));

        // when
        String keys = json(table.get("KeySchema"));

        // then
        assertThat(keys).isEqualTo("[{\"AttributeName\":\"user_id\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"window\",\"KeyType\":\"RANGE\"}]");
        assertThat(table.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", "expires_at", "Enabled", true));
        assertThat(table.get("SSESpecification")).isEqualTo(Map.of("SSEEnabled", true));
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void everyBucketBlocksPublicAccessIsEncryptedAndRefusesPlainHttp() {
        // given
        List<Template> templates = List.of(data, hosting, dev.template(dev.deployment().knowledge().orElseThrow()));

        // when
        List<Map.Entry<String, Map<String, Object>>> buckets = templates.stream()
                .flatMap(t -> resources(t, "AWS::S3::Bucket").entrySet().stream()).toList();
        List<String> tlsOnlyBuckets = templates.stream()
                .flatMap(t -> resources(t, "AWS::S3::BucketPolicy").values().stream())
                .map(Templates::json)
                .filter(policy -> policy.contains("\"aws:SecureTransport\":\"false\"") && policy.contains("\"Effect\":\"Deny\""))
                .toList();

        // then
        assertThat(buckets).hasSize(6);
        assertThat(tlsOnlyBuckets).hasSize(6);
        assertThat(buckets).allSatisfy(bucket -> {
            Map<String, Object> props = properties(bucket.getValue());
            assertThat(props.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                    "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
            assertThat(json(props.get("BucketEncryption"))).contains("\"SSEAlgorithm\":\"AES256\"");
            boolean isLogBucket = bucket.getKey().startsWith("AccessLogs");
            assertThat(props.containsKey("LoggingConfiguration")).isNotEqualTo(isLogBucket);
            assertThat(props.containsKey("VersioningConfiguration")).isNotEqualTo(isLogBucket);
        });
    }

    @Test
    void theDefaultSystemPromptIsDeployedToThePromptKey() throws IOException {
        // given
        Map<String, Object> deployment = properties(resource(data, "Custom::CDKBucketDeployment", "DefaultPrompt"));

        // when
        String deployedText = readDataAsset(dev, "system-prompt.txt");

        // then
        assertThat(json(deployment.get("DestinationBucketName"))).contains("Prompts");
        assertThat(deployment.get("Prune")).isEqualTo(false);
        assertThat(deployedText).isEqualTo(Files.readString(TestStages.ASSETS.resolve("system-prompt.txt")));
    }

    @Test
    void thePageBucketIsReadableOnlyByThisDistributionThroughOriginAccessControl() {
        // given
        Map<String, Object> distribution = properties(resource(hosting, "AWS::CloudFront::Distribution", "Distribution"));
        Map<String, Object> oac = properties(resource(hosting, "AWS::CloudFront::OriginAccessControl", "DistributionOrigin1S3OriginAccessControl"));

        // when
        String sitePolicy = json(properties(resource(hosting, "AWS::S3::BucketPolicy", "SitePolicy")));
        String config = json(distribution.get("DistributionConfig"));

        // then
        assertThat(json(oac)).contains("\"OriginAccessControlOriginType\":\"s3\"", "\"SigningBehavior\":\"always\"", "\"SigningProtocol\":\"sigv4\"");
        assertThat(config).contains("\"OriginAccessControlId\":{\"Fn::GetAtt\":[\"DistributionOrigin1S3OriginAccessControl",
                "\"ViewerProtocolPolicy\":\"redirect-to-https\"", "\"DefaultRootObject\":\"index.html\"", "\"Logging\"");
        assertThat(sitePolicy).contains("\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"}", "\"Action\":\"s3:GetObject\"",
                ":distribution/\",{\"Ref\":\"Distribution");
    }

    @Test
    void thePageMayRunOnlyItsOwnScriptsAndConnectOnlyToThisRegionsApisAndCognito() {
        // given
        Map<String, Object> policy = properties(resource(hosting, "AWS::CloudFront::ResponseHeadersPolicy", "PageHeaders"));

        // when
        String headers = json(policy.get("ResponseHeadersPolicyConfig"));
        String distribution = json(properties(resource(hosting, "AWS::CloudFront::Distribution", "Distribution")));

        // then
        assertThat(headers).contains("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://*.execute-api.",
                " wss://*.execute-api.", " https://*.auth.", ".amazoncognito.com; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                "\"FrameOption\":\"DENY\"", "\"ReferrerPolicy\":\"no-referrer\"", "\"AccessControlMaxAgeSec\":31536000");
        assertThat(headers).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(distribution).contains("\"ResponseHeadersPolicyId\":{\"Ref\":\"PageHeaders");
    }

    @Test
    void thePageIsDeployedWithAConfigNamingThisStagesEndpointsAndUserPool() throws IOException {
        // given
        Map<String, Object> deployment = properties(resource(content, "Custom::CDKBucketDeployment", "Page"));

        // when
        String configJs = readDataAsset(dev, "config.js");
        String markers = json(deployment.get("SourceMarkers"));

        // then
        assertThat(configJs).startsWith("window.CHATBOT_CONFIG = {\"websocketUrl\":\"wss://").endsWith("};\n")
                .contains(".execute-api.", "/dev\",\"sessionApiUrl\":\"", "/user-session\",\"auth\":{\"mode\":\"cognito\",\"region\":\"",
                        "\"userPoolId\":\"", "\"clientId\":\"", "\"cognitoDomain\":\"https://", ".auth.", ".amazoncognito.com\"}}");
        assertThat(markers).contains("KnowledgeBot-dev-Api", "ChatSocket", "SessionApi", "KnowledgeBot-dev-Auth", "UserPool", "WebClient");
        assertThat(json(deployment.get("DestinationBucketName"))).contains("KnowledgeBot-dev-WebHosting", "Site");
        assertThat(deployment.get("DistributionPaths")).isEqualTo(List.of("/*"));
        assertThat(json(deployment.get("SystemMetadata"))).contains("no-cache");
    }

    @Test
    void theUserPoolAdmitsOnlyAdminCreatedUsersAndItsClientUsesTheCodeFlowBackToThePage() {
        // given
        Map<String, Object> pool = properties(resource(auth, "AWS::Cognito::UserPool", "UserPool"));
        Map<String, Object> client = properties(resource(auth, "AWS::Cognito::UserPoolClient", "UserPoolWebClient"));

        // when
        String callback = json(client.get("CallbackURLs"));

        // then
        assertThat(pool.get("AdminCreateUserConfig")).isEqualTo(Map.of("AllowAdminCreateUserOnly", true));
        assertThat(json(pool.get("Policies"))).contains("\"MinimumLength\":12", "\"RequireSymbols\":true");
        assertThat(client.get("GenerateSecret")).isEqualTo(false);
        assertThat(client.get("AllowedOAuthFlows")).isEqualTo(List.of("code"));
        assertThat(client.get("AllowedOAuthScopes")).isEqualTo(List.of("openid", "email", "profile"));
        assertThat(callback).startsWith("[{\"Fn::Join\":[\"\",[\"https://\",").contains("KnowledgeBot-dev-WebHosting", "Distribution").endsWith("\"/\"]]}]");
        assertThat(json(properties(resource(auth, "AWS::Cognito::UserPoolDomain", "UserPoolHostedUi"))))
                .contains("knowledgebot-dev-", "AWS::AccountId");
    }

    /** The text of a Source.data file (config.js, the prompt) as synthesized into the stage's cloud assembly. */
    static String readDataAsset(TestStages.Synthesized stage, String fileName) throws IOException {
        Path outdir = Path.of("target/cdk.out", stage.config().stage());
        try (Stream<Path> files = Files.walk(outdir)) {
            Path file = files.filter(path -> path.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError(fileName + " not in " + outdir));
            return Files.readString(file);
        }
    }
}
