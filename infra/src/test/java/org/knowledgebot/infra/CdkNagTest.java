package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class CdkNagTest {

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of("dev", Map.of()),
                Arguments.of("prod", Map.of("retriever", "kendra", "answerModelId", "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                        "alarmEmail", "ops@example.com")),
                Arguments.of("test", Map.of("retriever", "existingKnowledgeBase", "knowledgeBaseId", "KB12345678")),
                Arguments.of("seed", Map.of("retriever", "existingKendra", "kendraIndexId", "0123abcd-0000-4000-8000-0123456789ab")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stages")
    void awsSolutionsChecksReportNoUnsuppressedError(String stage, Map<String, Object> context) {
        // given
        TestStages.Synthesized synthesized = TestStages.synthesize(stage, context);

        // when
        List<String> errors = synthesized.deployment().stacks().stream()
                .flatMap(stack -> errors(stack).stream())
                .toList();

        // then
        assertThat(errors).isEmpty();
    }

    private static List<String> errors(Stack stack) {
        synthesizedTemplate(stack);
        List<SynthesisMessage> found = Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        return found.stream().map(message -> message.getId() + ": " + message.getEntry().getData()).toList();
    }

    private static void synthesizedTemplate(Stack stack) {
        software.amazon.awscdk.assertions.Template.fromStack(stack);
    }
}
