package org.knowledgebot.chat.aws;

import static org.knowledgebot.aws.UsageTableLayout.DAYS_PARTITION;
import static org.knowledgebot.aws.UsageTableLayout.ERRORS;
import static org.knowledgebot.aws.UsageTableLayout.EXPIRES_AT;
import static org.knowledgebot.aws.UsageTableLayout.INPUT_PREFIX;
import static org.knowledgebot.aws.UsageTableLayout.OUTPUT_PREFIX;
import static org.knowledgebot.aws.UsageTableLayout.QUESTIONS;
import static org.knowledgebot.aws.UsageTableLayout.TOKENS;
import static org.knowledgebot.aws.UsageTableLayout.USER;
import static org.knowledgebot.aws.UsageTableLayout.WINDOW;

import java.util.HashMap;
import java.util.Map;
import org.knowledgebot.aws.UsageTableLayout;
import org.knowledgebot.core.usage.QuestionUsage;
import org.knowledgebot.core.usage.UsageLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link UsageLedger} in the usage table, laid out as {@link UsageTableLayout} says: two atomic {@code ADD}
 * updates per question, one on the day's totals and one on the user's day (no read-modify-write, so concurrent
 * Lambdas never lose a count), each setting its expiry once.
 */
public record DynamoUsageLedger(DynamoDbClient dynamo, String table) implements UsageLedger {
    @Override
    public void add(QuestionUsage usage) {
        Map<String, String> names = new HashMap<>(Map.of("#questions", QUESTIONS, "#errors", ERRORS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", number(1), ":error", number(usage.error() ? 1 : 0)));
        StringBuilder adds = new StringBuilder("ADD #questions :one, #errors :error");
        if (usage.modelId() != null) {
            names.put("#input", INPUT_PREFIX + usage.modelId());
            names.put("#output", OUTPUT_PREFIX + usage.modelId());
            values.put(":input", number(usage.inputTokens()));
            values.put(":output", number(usage.outputTokens()));
            adds.append(", #input :input, #output :output");
        }
        update(UsageTableLayout.dayWindow(usage.day()), adds, names, values, usage);
        update(UsageTableLayout.userDayWindow(usage.day(), usage.userHash()), new StringBuilder("ADD #questions :one, #tokens :tokens"),
                new HashMap<>(Map.of("#questions", QUESTIONS, "#tokens", TOKENS)),
                new HashMap<>(Map.of(":one", number(1), ":tokens", number(usage.tokens()))), usage);
    }

    private void update(String window, StringBuilder adds, Map<String, String> names, Map<String, AttributeValue> values,
                        QuestionUsage usage) {
        names.put("#expires", EXPIRES_AT);
        values.put(":expires", number(UsageTableLayout.expiresAt(usage.day())));
        dynamo.updateItem(update -> update
                .tableName(table)
                .key(Map.of(USER, AttributeValue.fromS(DAYS_PARTITION), WINDOW, AttributeValue.fromS(window)))
                .updateExpression(adds + " SET #expires = if_not_exists(#expires, :expires)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
