package org.knowledgebot.infra.stacks;

import java.util.List;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.JavaFunction;
import org.knowledgebot.infra.constructs.Nag;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/** The access logs of the WebSocket and session APIs, and the account-level role API Gateway logs through. */
final class ApiAccessLogs {
    /** Access log fields: what happened to which connection; no source IP, no token, no message text. */
    static final String WEBSOCKET_FORMAT = "{\"requestId\":\"$context.requestId\",\"connectionId\":\"$context.connectionId\","
            + "\"eventType\":\"$context.eventType\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
            + "\"requestTime\":\"$context.requestTimeEpoch\",\"integrationLatency\":\"$context.integrationLatency\","
            + "\"error\":\"$context.error.message\",\"authorizerError\":\"$context.authorizer.error\"}";
    static final String HTTP_FORMAT = "{\"requestId\":\"$context.requestId\",\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\",\"requestTime\":\"$context.requestTimeEpoch\","
            + "\"responseLatency\":\"$context.responseLatency\",\"integrationError\":\"$context.integrationErrorMessage\","
            + "\"authorizerError\":\"$context.authorizer.error\"}";

    private ApiAccessLogs() {
    }

    static IAccessLogSettings settings(Construct scope, String id, StageConfig config, String format) {
        LogGroup logGroup = LogGroup.Builder.create(scope, id)
                .retention(JavaFunction.retention(config.logRetentionDays()))
                .removalPolicy(config.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        IAccessLogDestination destination = new LogGroupLogDestination(logGroup);
        return new IAccessLogSettings() {
            @Override
            public IAccessLogDestination getDestination() {
                return destination;
            }

            @Override
            public AccessLogFormat getFormat() {
                return AccessLogFormat.custom(format);
            }
        };
    }

    static CfnAccount accountLoggingRole(Construct scope) {
        Role role = Role.Builder.create(scope, "ApiGatewayLogging")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("Lets API Gateway write the WebSocket stage's access logs to CloudWatch Logs")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonAPIGatewayPushToCloudWatchLogs")))
                .build();
        Nag.suppress(role, "AwsSolutions-IAM4",
                "AmazonAPIGatewayPushToCloudWatchLogs is the policy API Gateway documents for its account-level logging"
                        + " role; API Gateway names the log streams itself.");
        CfnAccount account = CfnAccount.Builder.create(scope, "ApiGatewayAccount")
                .cloudWatchRoleArn(role.getRoleArn())
                .build();
        // The setting is per account and region: keep it, and the role it names, when this stage goes, because
        // other APIs of the account may log through it.
        account.applyRemovalPolicy(RemovalPolicy.RETAIN);
        role.applyRemovalPolicy(RemovalPolicy.RETAIN);
        return account;
    }
}
