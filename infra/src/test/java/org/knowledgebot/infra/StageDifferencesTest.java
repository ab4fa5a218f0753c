package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.json;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;
import static org.knowledgebot.infra.Templates.resources;
import static org.knowledgebot.infra.Templates.statementWith;
import static org.knowledgebot.infra.Templates.statementsOfRole;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/** dev destroys its data with the stack and keeps logs briefly; prod retains data and is protected from deletion. */
class StageDifferencesTest {

    private static TestStages.Synthesized dev;
    private static TestStages.Synthesized prod;

    @BeforeAll
    static void synthesize() {
        dev = TestStages.devKnowledgeBase();
        prod = TestStages.prodKendra();
    }

    @Test
    void prodRetainsAndProtectsTheSessionsTableAndUserPoolWhileDevDeletesThem() {
        // given
        Map<String, Object> devTable = resource(dev.template(dev.deployment().data()), "AWS::DynamoDB::Table", "Sessions");
        Map<String, Object> prodTable = resource(prod.template(prod.deployment().data()), "AWS::DynamoDB::Table", "Sessions");

        // when
        Map<String, Object> devPool = resource(dev.template(dev.deployment().auth().orElseThrow()), "AWS::Cognito::UserPool", "UserPool");
        Map<String, Object> prodPool = resource(prod.template(prod.deployment().auth().orElseThrow()), "AWS::Cognito::UserPool", "UserPool");

        // then
        assertThat(devTable.get("DeletionPolicy")).isEqualTo("Delete");
        assertThat(properties(devTable).get("DeletionProtectionEnabled")).isEqualTo(false);
        assertThat(prodTable.get("DeletionPolicy")).isEqualTo("Retain");
        assertThat(properties(prodTable).get("DeletionProtectionEnabled")).isEqualTo(true);
        assertThat(devPool.get("DeletionPolicy")).isEqualTo("Delete");
        assertThat(prodPool.get("DeletionPolicy")).isEqualTo("Retain");
        assertThat(properties(prodPool).get("DeletionProtection")).isEqualTo("ACTIVE");
    }

    @Test
    void devEmptiesItsBucketsOnDeleteAndProdKeepsEveryBucketAndItsObjects() {
        // given
        List<Stack> devStacks = dev.deployment().stacks();
        List<Stack> prodStacks = prod.deployment().stacks();

        // when
        Set<Object> devBucketPolicies = deletionPolicies(dev, devStacks, "AWS::S3::Bucket");
        Set<Object> prodBucketPolicies = deletionPolicies(prod, prodStacks, "AWS::S3::Bucket");

        // then
        assertThat(devBucketPolicies).containsExactly("Delete");
        assertThat(prodBucketPolicies).containsExactly("Retain");
        assertThat(count(dev, devStacks, "Custom::S3AutoDeleteObjects")).isEqualTo(6);
        assertThat(count(prod, prodStacks, "Custom::S3AutoDeleteObjects")).isZero();
        assertThat(deletionPolicies(prod, prodStacks, "AWS::Kendra::Index")).containsExactly("Retain");
        assertThat(deletionPolicies(dev, devStacks, "AWS::Bedrock::KnowledgeBase")).containsExactly("Delete");
    }

    @Test
    void logsAreKeptTwoWeeksInDevAndAYearInProd() {
        // given
        Set<Object> devRetention = retentions(dev);

        // when
        Set<Object> prodRetention = retentions(prod);

        // then
        assertThat(devRetention).containsExactly(14);
        assertThat(prodRetention).containsExactly(365);
    }

    @Test
    void prodThrottlesHigherAllowsItsIntranetOriginAndAlarmsSoonerByEmail() {
        // given
        Map<String, Object> devStage = properties(resource(dev.template(dev.deployment().api()), "AWS::ApiGatewayV2::Stage", "ChatStage"));
        Map<String, Object> prodStage = properties(resource(prod.template(prod.deployment().api()), "AWS::ApiGatewayV2::Stage", "ChatStage"));

        // when
        String prodCors = json(properties(resource(prod.template(prod.deployment().api()), "AWS::ApiGatewayV2::Api", "SessionApi"))
                .get("CorsConfiguration"));
        Map<String, Object> prodP99 = properties(resource(prod.template(prod.deployment().monitoring()), "AWS::CloudWatch::Alarm", "ChatDurationP99"));

        // then
        assertThat(json(devStage.get("DefaultRouteSettings"))).contains("\"ThrottlingBurstLimit\":100", "\"ThrottlingRateLimit\":50");
        assertThat(json(prodStage.get("DefaultRouteSettings"))).contains("\"ThrottlingBurstLimit\":200", "\"ThrottlingRateLimit\":100");
        assertThat(prodStage.get("StageName")).isEqualTo("prod");
        assertThat(prodCors).contains("\"https://intranet.example.com\"");
        assertThat(prodP99.get("Threshold")).isEqualTo(45000);
        prod.template(prod.deployment().monitoring()).hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        dev.template(dev.deployment().monitoring()).resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void anInferenceProfileIdGrantsTheProfileAndItsFoundationModelInAnyRegion() {
        // given
        List<Templates.Statement> statements = statementsOfRole(prod.template(prod.deployment().api()), "ChatRole");

        // when
        String models = statementWith(statements, "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream").resources();

        // then
        assertThat(models).contains(
                "{\"Ref\":\"AWS::AccountId\"},\":inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0\"]]}",
                "\":bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0\"]]}",
                "::foundation-model/mistral.mistral-7b-instruct-v0:2\"]]}");
        assertThat(models).doesNotContain("foundation-model/*", "foundation-model/us.");
    }

    private static Set<Object> deletionPolicies(TestStages.Synthesized stage, List<Stack> stacks, String type) {
        return stacks.stream()
                .flatMap(stack -> resources(stage.template(stack), type).values().stream())
                .map(resource -> resource.get("DeletionPolicy"))
                .collect(Collectors.toSet());
    }

    private static long count(TestStages.Synthesized stage, List<Stack> stacks, String type) {
        return stacks.stream().mapToLong(stack -> resources(stage.template(stack), type).size()).sum();
    }

    /** Retention of the log groups this project creates (function, API access and ingestion logs). */
    private static Set<Object> retentions(TestStages.Synthesized stage) {
        return stage.deployment().stacks().stream()
                .flatMap(stack -> resources(stage.template(stack), "AWS::Logs::LogGroup").entrySet().stream())
                .filter(entry -> !entry.getKey().startsWith("CustomCDKBucketDeployment"))
                .map(entry -> properties(entry.getValue()).get("RetentionInDays"))
                .collect(Collectors.toSet());
    }
}
