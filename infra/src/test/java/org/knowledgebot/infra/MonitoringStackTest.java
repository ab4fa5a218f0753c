package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.json;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;
import static org.knowledgebot.infra.Templates.resources;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Alarms and dashboard of the default stage. */
class MonitoringStackTest {

    private static final Template monitoring = TestStages.devKnowledgeBase().template(ChatbotDeployment::monitoring);

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarmAndEveryAlarmNotifiesTheTopic() {
        // given
        Map<String, Map<String, Object>> alarms = resources(monitoring, "AWS::CloudWatch::Alarm");
        String topic = "{\"Ref\":\"" + resources(monitoring, "AWS::SNS::Topic").keySet().iterator().next() + "\"}";

        // when
        long errorAlarms = alarms.keySet().stream().filter(id -> id.matches("[A-Za-z]+Errors[0-9A-F]+") && !id.startsWith("ChatSocket")).count();
        long throttleAlarms = alarms.keySet().stream().filter(id -> id.matches("[A-Za-z]+Throttles[0-9A-F]+")).count();

        // then
        assertThat(errorAlarms).isEqualTo(8);
        assertThat(throttleAlarms).isEqualTo(8);
        assertThat(alarms).hasSize(22);
        assertThat(alarms.values()).allSatisfy(alarm ->
                assertThat(json(properties(alarm).get("AlarmActions"))).isEqualTo("[" + topic + "]"));
        assertThat(json(properties(resource(monitoring, "AWS::CloudWatch::Alarm", "ChatErrors"))))
                .contains("\"MetricName\":\"Errors\"", "KnowledgeBot-dev-Api", "ChatFunction", "\"Threshold\":1");
    }

    @Test
    void ingestionBatchesThatEndInTheDeadLetterQueueRaiseAnAlarm() {
        // given
        Map<String, Object> alarm = properties(resource(monitoring, "AWS::CloudWatch::Alarm", "IngestionDeadLetters"));

        // when
        String dimensions = json(alarm.get("Dimensions"));

        // then
        assertThat(alarm).containsEntry("MetricName", "ApproximateNumberOfMessagesVisible").containsEntry("Namespace", "AWS/SQS")
                .containsEntry("Statistic", "Maximum").containsEntry("Threshold", 1);
        assertThat(dimensions).contains("QueueName", "KnowledgeBot-dev-Knowledge", "IngestionDeadLetters");
    }

    @Test
    void theChatDurationP99AndBothApisServerErrorsAreWatched() {
        // given
        Map<String, Object> p99 = properties(resource(monitoring, "AWS::CloudWatch::Alarm", "ChatDurationP99"));

        // when
        String http5xx = json(properties(resource(monitoring, "AWS::CloudWatch::Alarm", "SessionApi5xx")));
        String socketErrors = json(properties(resource(monitoring, "AWS::CloudWatch::Alarm", "ChatSocketIntegrationErrors")));

        // then
        assertThat(p99).containsEntry("MetricName", "Duration").containsEntry("ExtendedStatistic", "p99")
                .containsEntry("Threshold", 60000).containsEntry("Period", 300);
        assertThat(json(p99.get("Dimensions"))).contains("ChatFunction");
        assertThat(http5xx).contains("\"MetricName\":\"5xx\"", "\"Namespace\":\"AWS/ApiGateway\"", "SessionApi");
        assertThat(socketErrors).contains("\"MetricName\":\"IntegrationError\"", "\"Name\":\"Stage\",\"Value\":\"dev\"", "ChatSocket");
        assertThat(json(properties(resource(monitoring, "AWS::CloudWatch::Dashboard", "Dashboard")).get("DashboardName")))
                .isEqualTo("\"knowledgebot-dev\"");
    }

    @Test
    void messagesRefusedByThePerUserLimitsAreCountedFromTheChatLogAndRaiseAnAlarm() {
        // given
        Map<String, Object> filter = properties(resources(monitoring, "AWS::Logs::MetricFilter").values().iterator().next());

        // when
        Map<String, Object> alarm = properties(resource(monitoring, "AWS::CloudWatch::Alarm", "ThrottledAnswers"));

        // then
        assertThat(filter.get("FilterPattern")).isEqualTo("{ $.errorCode = \"THROTTLED\" }");
        assertThat(json(filter.get("LogGroupName"))).contains("KnowledgeBot-dev-Api", "ChatLogs");
        assertThat(json(filter.get("MetricTransformations"))).contains("\"MetricName\":\"ThrottledAnswers\"",
                "\"MetricNamespace\":\"KnowledgeChatbot\"", "\"MetricValue\":\"1\"");
        assertThat(alarm).containsEntry("MetricName", "ThrottledAnswers").containsEntry("Namespace", "KnowledgeChatbot")
                .containsEntry("Statistic", "Sum").containsEntry("Threshold", 10);
    }
}
