package org.knowledgebot.infra.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

class BedrockModelArnsTest {

    /** A stack with a known account and region: with partition literals (as in cdk.json) every ARN resolves to text. */
    private static final Stack STACK = new Stack(App.Builder.create()
            .context(Map.of("@aws-cdk/core:enablePartitionLiterals", true))
            .build(), "Arns", StackProps.builder()
            .env(Environment.builder().account("123456789012").region("eu-west-1").build())
            .build());

    @Test
    void aFoundationModelIdNamesThatModelInTheStacksRegion() {
        // given
        String modelId = "anthropic.claude-3-5-sonnet-20240620-v1:0";

        // when
        List<String> arns = resolved(BedrockModelArns.forModels(STACK, List.of(modelId)));

        // then
        assertThat(arns).containsExactly("arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0");
    }

    @Test
    void aCrossRegionProfileNamesTheProfileAndItsModelInAnyRegion() {
        // given
        String profileId = "eu.anthropic.claude-3-7-sonnet-20250219-v1:0";

        // when
        List<String> arns = resolved(BedrockModelArns.forModels(STACK, List.of(profileId)));

        // then
        assertThat(BedrockModelArns.isInferenceProfile(profileId)).isTrue();
        assertThat(arns).containsExactly(
                "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0");
    }

    @Test
    void aGlobalProfileAlsoNamesTheRegionlessModelAndDuplicatesAreListedOnce() {
        // given
        List<String> ids = List.of("global.anthropic.claude-sonnet-4-20250514-v1:0", "global.anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123");

        // when
        List<String> arns = resolved(BedrockModelArns.forModels(STACK, ids));

        // then
        assertThat(arns).containsExactly(
                "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
                "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123");
        assertThat(BedrockModelArns.isInferenceProfile("amazon.titan-embed-text-v2:0")).isFalse();
    }

    private static List<String> resolved(List<String> arns) {
        return arns.stream().map(arn -> STACK.resolve(arn).toString()).toList();
    }
}
