package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.environment;
import static org.knowledgebot.infra.Templates.json;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;
import static org.knowledgebot.infra.Templates.statementWith;
import static org.knowledgebot.infra.Templates.statementsOfRole;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** A stage pinned to an account and region that imports its user pool and offers two answer models. */
class SharedAccountResourcesTest {

    private static TestStages.Synthesized shared;
    private static Template api;

    @BeforeAll
    static void synthesize() {
        shared = TestStages.sharedAccountResources();
        api = shared.template(shared.deployment().api());
    }

    @Test
    void anImportedUserPoolIsUsedAsItIsAndNoPoolIsCreated() throws IOException {
        // given
        Template webContent = shared.template(shared.deployment().webContent());

        // when
        Map<String, Object> authorizer = environment(api, "AuthorizerFunction");
        String configJs = DataAndWebStacksTest.readDataAsset(shared, "config.js");

        // then
        assertThat(shared.deployment().auth()).isEmpty();
        assertThat(shared.deployment().stacks()).extracting(stack -> stack.getStackName()).containsExactly(
                "KnowledgeBot-shared-Data", "KnowledgeBot-shared-WebHosting", "KnowledgeBot-shared-Api",
                "KnowledgeBot-shared-WebContent", "KnowledgeBot-shared-Monitoring");
        assertThat(json(webContent.toJSON())).doesNotContain("KnowledgeBot-shared-Auth");
        assertThat(authorizer).containsEntry("USER_POOL_ID", "eu-central-1_AbCdEf123")
                .containsEntry("USER_POOL_CLIENT_ID", "4example0client0id0abcdefgh");
        assertThat(json(properties(resource(api, "AWS::ApiGatewayV2::Authorizer", "SessionApiCognitoAuthorizer"))
                .get("JwtConfiguration"))).isEqualTo("{\"Audience\":[\"4example0client0id0abcdefgh\"],"
                + "\"Issuer\":\"https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123\"}");
        assertThat(configJs).contains("\"region\":\"eu-central-1\"", "\"userPoolId\":\"eu-central-1_AbCdEf123\"",
                "\"clientId\":\"4example0client0id0abcdefgh\"", "\"cognitoDomain\":\"https://login.example.com\"");
    }

    @Test
    void everyConfiguredAnswerModelIsOfferedAndGrantedInThePinnedRegion() {
        // given
        Map<String, Object> variables = environment(api, "ChatFunction");

        // when
        String models = statementWith(statementsOfRole(api, "ChatRole"),
                "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream").resources();

        // then
        assertThat(variables).containsEntry("ANSWER_MODELS", "haiku=anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(models).isEqualTo("[\"arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0\","
                + "\"arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0\","
                + "\"arn:aws:bedrock:eu-central-1::foundation-model/mistral.mistral-7b-instruct-v0:2\"]");
        assertThat(shared.deployment().stacks()).allSatisfy(stack -> {
            assertThat(stack.getAccount()).isEqualTo("123456789012");
            assertThat(stack.getRegion()).isEqualTo("eu-central-1");
        });
    }
}
