package org.knowledgebot.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each with the reason the finding is accepted; every call site states that reason. */
public final class Nag {

    private Nag() {
    }

    /** Suppresses a rule for a construct and everything below it. */
    public static void suppress(IConstruct construct, String ruleId, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression(ruleId, reason, List.of())), true);
    }

    /** Suppresses a rule only for findings matching one of the regular expressions (e.g. a wildcard resource). */
    public static void suppressMatching(IConstruct construct, String ruleId, String reason, String... findingRegexes) {
        List<Object> appliesTo = Arrays.stream(findingRegexes)
                .map(regex -> (Object) RegexAppliesTo.builder().regex("/" + regex + "/").build())
                .toList();
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression(ruleId, reason, appliesTo)), true);
    }

    /** Suppresses a rule on a construct CDK creates itself (a singleton provider), addressed by its path. */
    public static void suppressPath(Stack stack, String path, String ruleId, String reason) {
        NagSuppressions.addResourceSuppressionsByPath(stack, path, List.of(suppression(ruleId, reason, List.of())), true);
    }

    private static NagPackSuppression suppression(String ruleId, String reason, List<Object> appliesTo) {
        NagPackSuppression.Builder builder = NagPackSuppression.builder().id(ruleId).reason(reason);
        if (!appliesTo.isEmpty()) {
            builder.appliesTo(appliesTo);
        }
        return builder.build();
    }
}
