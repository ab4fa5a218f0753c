package org.knowledgebot.infra.constructs;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Findings on the helper functions CDK itself adds to a stack (bucket emptying on delete, bucket deployments,
 * bucket notifications). Their code and roles are written by CDK, not by this project, and they run only while
 * CloudFormation deploys or deletes the stack.
 */
public final class CdkProviderSuppressions {

    private static final List<String> PROVIDER_ID_PREFIXES = List.of(
            "Custom::S3AutoDeleteObjectsCustomResourceProvider",
            "Custom::CDKBucketDeployment",
            "BucketNotificationsHandler");

    private CdkProviderSuppressions() {
    }

    public static void apply(Stack stack) {
        for (IConstruct child : stack.getNode().getChildren()) {
            String id = child.getNode().getId();
            if (PROVIDER_ID_PREFIXES.stream().anyMatch(id::startsWith)) {
                Nag.suppress(child, "AwsSolutions-IAM4",
                        "CDK's own deployment-time helper uses the AWSLambdaBasicExecutionRole managed policy for its logs.");
                Nag.suppress(child, "AwsSolutions-IAM5",
                        "CDK's own deployment-time helper: its policy covers the objects of the buckets it copies into or"
                                + " empties, whose keys are not known in advance.");
                Nag.suppress(child, "AwsSolutions-L1",
                        "CDK's own deployment-time helper: its runtime is chosen and updated by the aws-cdk-lib version.");
            }
        }
    }
}
