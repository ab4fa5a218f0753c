package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * cdk-nag's AWS Solutions rules and CDK's own template validation run on every stack of every retriever choice and
 * find nothing unsuppressed.
 */
class CdkNagTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.knowledgebot.infra.TestStages#everyRetrieverChoice")
    void awsSolutionsChecksReportNoUnsuppressedErrorOrWarning(String retriever, Supplier<TestStages.Synthesized> stage) {
        // given
        TestStages.Synthesized synthesized = stage.get();

        // when
        List<String> findings = synthesized.deployment().stacks().stream()
                .flatMap(stack -> findings(synthesized, stack).stream())
                .toList();

        // then
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.knowledgebot.infra.TestStages#everyRetrieverChoice")
    void theChecksRanOnEveryStackAndEverySuppressionGivesAReason(String retriever, Supplier<TestStages.Synthesized> stage)
            throws IOException {
        // given
        TestStages.Synthesized synthesized = stage.get();
        synthesized.deployment().stacks().forEach(synthesized::template);

        // when
        List<List<String>> rows = new ArrayList<>();
        for (Stack stack : synthesized.deployment().stacks()) {
            Path report = Path.of("target/cdk.out", synthesized.config().stage(), "AwsSolutions-" + stack.getStackName() + "-NagReport.csv");
            List<String> lines = Files.readAllLines(report);
            assertThat(lines).as("nag report of " + stack.getStackName()).hasSizeGreaterThan(1);
            lines.stream().skip(1).map(CdkNagTest::csvFields).forEach(rows::add);
        }

        // then
        List<List<String>> suppressed = rows.stream().filter(row -> row.get(2).equals("Suppressed")).toList();
        assertThat(rows).noneMatch(row -> row.get(2).equals("Non-Compliant"));
        assertThat(suppressed).isNotEmpty().allSatisfy(row -> assertThat(row.get(3)).as(row.get(0) + " on " + row.get(1)).hasSizeGreaterThan(40));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.knowledgebot.infra.TestStages#everyRetrieverChoice")
    @SuppressWarnings("unchecked")
    void cdksTemplateValidationFindsNothingUnacknowledged(String retriever, Supplier<TestStages.Synthesized> stage)
            throws IOException {
        // given
        TestStages.Synthesized synthesized = stage.get();
        synthesized.deployment().stacks().forEach(synthesized::template);

        // when
        Map<String, Object> report = new ObjectMapper().readValue(
                Path.of("target/cdk.out", synthesized.config().stage(), "validation-report.json").toFile(), Map.class);

        // then
        assertThat((List<Map<String, Object>>) report.get("pluginReports"))
                .allSatisfy(plugin -> assertThat((List<?>) plugin.get("violations")).as((String) plugin.get("pluginName")).isEmpty());
    }

    /** The report's rows are simple: every field quoted, no quotes inside the fields this test reads. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        for (String field : line.substring(1, line.length() - 1).split("\",\"", -1)) {
            fields.add(field);
        }
        return fields;
    }

    private static List<String> findings(TestStages.Synthesized synthesized, Stack stack) {
        synthesized.template(stack);
        Annotations annotations = Annotations.fromStack(stack);
        return Stream.concat(
                        annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream(),
                        annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .map(message -> message.getId() + ": " + message.getEntry().getData())
                .toList();
    }
}
