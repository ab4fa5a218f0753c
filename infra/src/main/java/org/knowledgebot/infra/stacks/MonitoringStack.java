package org.knowledgebot.infra.stacks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.IngestionTrigger;
import org.knowledgebot.infra.constructs.JavaFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Tells the operators when something is wrong: alarms on function errors and throttles, the chat function's p99
 * duration and server errors of both APIs, all to one SNS topic (with an e-mail subscription when configured), and
 * a dashboard with the same figures.
 */
public class MonitoringStack extends Stack {

    private static final Duration PERIOD = Duration.minutes(5);
    private static final String CHAT_NAMESPACE = "KnowledgeChatbot";
    private static final double THROTTLED_ALARM_COUNT = 10;

    private final Topic alarmTopic;

    /** Watches the API's Java functions and, when the stage creates its retriever, the ingestion trigger. */
    public MonitoringStack(Construct scope, String id, StackProps props, StageConfig config, ApiStack api,
                           Optional<IngestionTrigger> ingestion) {
        super(scope, id, props);
        alarmTopic = Topic.Builder.create(this, "Alarms")
                .displayName("Knowledge chatbot alarms (" + config.stage() + ")")
                .enforceSsl(true)
                .build();
        config.alarmEmail().ifPresent(email -> alarmTopic.addSubscription(new EmailSubscription(email)));

        for (JavaFunction function : api.functions()) {
            watchFunction(function.getNode().getId(), function.function());
        }
        ingestion.ifPresent(trigger -> {
            watchFunction("Ingestion", trigger.function());
            alarm("IngestionDeadLetters", trigger.deadLetters().metricApproximateNumberOfMessagesVisible(
                            MetricOptions.builder().statistic("Maximum").period(PERIOD).build()), 1,
                    "document changes could not start an ingestion job after every retry (see the dead-letter queue)");
        });

        Metric chatDuration = api.chat().function().metricDuration(MetricOptions.builder()
                .statistic("p99").period(PERIOD).build());
        alarm("ChatDurationP99", chatDuration, config.chatP99AlarmSeconds() * 1000.0,
                "p99 duration of the chat function above " + config.chatP99AlarmSeconds() + " s");

        // The chat function logs one line per message; a refused one carries errorCode THROTTLED (per-user limits).
        MetricFilter throttledFilter = MetricFilter.Builder.create(this, "ThrottledAnswersFilter")
                .logGroup(api.chat().logGroup())
                .filterPattern(FilterPattern.stringValue("$.errorCode", "=", "THROTTLED"))
                .metricNamespace(CHAT_NAMESPACE)
                .metricName("ThrottledAnswers")
                .metricValue("1")
                .defaultValue(0)
                .build();
        Metric throttled = throttledFilter.metric(MetricOptions.builder()
                .statistic("Sum").period(PERIOD).dimensionsMap(Map.of()).build());
        alarm("ThrottledAnswers", throttled, THROTTLED_ALARM_COUNT, "at least " + (int) THROTTLED_ALARM_COUNT
                + " messages in 5 minutes were refused by the per-user limits (a script, or limits too tight for real use)");

        Metric http5xx = api.sessionApi().metricServerError(MetricOptions.builder()
                .statistic("Sum").period(PERIOD).build());
        alarm("SessionApi5xx", http5xx, 1, "the session HTTP API answered with a 5xx");
        Map<String, String> socketDimensions = Map.of(
                "ApiId", api.webSocketApi().getApiId(), "Stage", api.webSocketStage().getStageName());
        Metric socketIntegrationErrors = socketMetric("IntegrationError", socketDimensions);
        Metric socketExecutionErrors = socketMetric("ExecutionError", socketDimensions);
        alarm("ChatSocketIntegrationErrors", socketIntegrationErrors, 1,
                "the WebSocket API could not run a route's function (5xx from the integration)");
        alarm("ChatSocketExecutionErrors", socketExecutionErrors, 1, "the WebSocket API failed to process a message");

        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(config.resourcePrefix())
                .build();
        dashboard.addWidgets(
                graph("Chat answers", List.of(api.chat().function().metricInvocations(sum()), api.chat().function().metricErrors(sum()))),
                graph("Chat duration (ms)", List.of(
                        api.chat().function().metricDuration(MetricOptions.builder().statistic("p50").period(PERIOD).build()),
                        chatDuration)),
                graph("WebSocket", List.of(socketMetric("ConnectCount", socketDimensions), socketMetric("MessageCount", socketDimensions),
                        socketIntegrationErrors, socketExecutionErrors)),
                graph("Session API", List.of(api.sessionApi().metricCount(sum()), http5xx,
                        api.sessionApi().metricClientError(sum()))));
        dashboard.addWidgets(graph("Errors by function", api.functions().stream()
                        .map(f -> (IMetric) f.function().metricErrors(labelledSum(f.getNode().getId())))
                        .toList()),
                graph("Throttles by function", api.functions().stream()
                        .map(f -> (IMetric) f.function().metricThrottles(labelledSum(f.getNode().getId())))
                        .toList()));
    }

    private void watchFunction(String name, IFunction function) {
        alarm(name + "Errors", function.metricErrors(sum()), 1, "the " + name + " function failed");
        alarm(name + "Throttles", function.metricThrottles(sum()), 1, "the " + name + " function was throttled");
    }

    private void alarm(String id, Metric metric, double threshold, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription("Alarms when " + description + ".")
                .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    }

    private static MetricOptions labelledSum(String label) {
        return MetricOptions.builder().statistic("Sum").period(PERIOD).label(label).build();
    }

    private static Metric socketMetric(String name, Map<String, String> dimensions) {
        return Metric.Builder.create()
                .namespace("AWS/ApiGateway")
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic("Sum")
                .period(PERIOD)
                .build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(12).build();
    }

}
