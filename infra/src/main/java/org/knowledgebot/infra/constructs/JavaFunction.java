package org.knowledgebot.infra.constructs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One of the chatbot's Java handlers as Lambda: java21 on arm64 (cheaper per GB-second than x86), SnapStart on
 * published versions and an alias {@code live} that callers use (SnapStart only applies to versions, never to
 * $LATEST), a log group with retention and a role of its own that may write to that log group and nothing else
 * until the stack grants more.
 */
public class JavaFunction extends Construct {

    public static final String ALIAS_NAME = "live";

    /** What differs between the functions; everything else is fixed by this construct. */
    public record Props(Path jar, String handlerClass, String description, int memoryMb, Duration timeout,
                        Map<String, String> environment, int logRetentionDays, boolean retainLogs) {
    }

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final LogGroup logGroup;

    public JavaFunction(Construct scope, String id, Props props) {
        super(scope, id);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(retention(props.logRetentionDays()))
                .removalPolicy(props.retainLogs() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        // An explicit role instead of the managed AWSLambdaBasicExecutionRole: it may write to its own log group only.
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(props.description())
                .build();
        logGroup.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(props.jar().toString()))
                .handler(props.handlerClass() + "::handleRequest")
                .description(props.description())
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .environment(props.environment())
                .role(role)
                .logGroup(logGroup)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        function.getNode().addDependency(role);
        Nag.suppress(function, "AwsSolutions-L1",
                "java21 is the runtime the project targets (DESIGN: Java 17 bytecode, SnapStart); moving to a newer"
                        + " Java runtime is a deliberate upgrade, not a deployment default.");
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Every deployment publishes a version (currentVersion) and callers reach it through the alias.");
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    private static final NavigableMap<Integer, RetentionDays> RETENTION_PERIODS = new TreeMap<>(Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS)));

    /** CloudWatch Logs accepts only certain periods; a stage value is rounded up to the next one it accepts. */
    public static RetentionDays retention(int days) {
        Map.Entry<Integer, RetentionDays> period = RETENTION_PERIODS.ceilingEntry(Math.max(days, 1));
        return period == null ? RetentionDays.INFINITE : period.getValue();
    }

    public Function function() {
        return function;
    }

    /** The published, SnapStart-enabled version behind the alias; integrations and grants use this. */
    public Alias alias() {
        return alias;
    }

    public Role role() {
        return role;
    }

    /** Lets the function's role take {@code actions} on {@code resources} (one statement). */
    public void allow(List<String> actions, List<String> resources) {
        role.addToPolicy(PolicyStatement.Builder.create().actions(actions).resources(resources).build());
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
