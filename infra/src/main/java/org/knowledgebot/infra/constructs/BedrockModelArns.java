package org.knowledgebot.infra.constructs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.Stack;

/**
 * The resources a model id names for {@code bedrock:InvokeModel*}: a foundation model ARN in this region, or, for a
 * cross-region inference profile id such as {@code us.anthropic...}, the profile ARN plus the foundation model in
 * whichever region the profile routes a request to (hence the region wildcard, which is the narrowest ARN that works).
 */
public final class BedrockModelArns {

    /** Geography prefixes of system-defined cross-region inference profiles. */
    private static final Set<String> PROFILE_GEOGRAPHIES = Set.of("us", "us-gov", "eu", "apac", "jp", "au", "ca", "global");

    private BedrockModelArns() {
    }

    public static boolean isInferenceProfile(String modelId) {
        int dot = modelId.indexOf('.');
        return dot > 0 && PROFILE_GEOGRAPHIES.contains(modelId.substring(0, dot));
    }

    /** ARNs for every id, deduplicated, in the order given. An id that is already an ARN is used as it is. */
    public static List<String> forModels(Stack stack, Collection<String> modelIds) {
        Set<String> arns = new LinkedHashSet<>();
        for (String modelId : modelIds) {
            arns.addAll(forModel(stack, modelId));
        }
        return new ArrayList<>(arns);
    }

    static List<String> forModel(Stack stack, String modelId) {
        String partition = stack.getPartition();
        if (modelId.startsWith("arn:")) {
            return List.of(modelId);
        }
        if (!isInferenceProfile(modelId)) {
            return List.of("arn:" + partition + ":bedrock:" + stack.getRegion() + "::foundation-model/" + modelId);
        }
        String foundationModel = modelId.substring(modelId.indexOf('.') + 1);
        List<String> arns = new ArrayList<>();
        arns.add("arn:" + partition + ":bedrock:" + stack.getRegion() + ":" + stack.getAccount() + ":inference-profile/" + modelId);
        arns.add("arn:" + partition + ":bedrock:*::foundation-model/" + foundationModel);
        if (modelId.startsWith("global.")) {
            // Global profiles are authorized against the region-less foundation model ARN as well.
            arns.add("arn:" + partition + ":bedrock:::foundation-model/" + foundationModel);
        }
        return arns;
    }
}
