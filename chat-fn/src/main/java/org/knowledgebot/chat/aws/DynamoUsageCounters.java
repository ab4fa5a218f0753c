package org.knowledgebot.chat.aws;

import static org.knowledgebot.aws.UsageTableLayout.EXPIRES_AT;
import static org.knowledgebot.aws.UsageTableLayout.USER;
import static org.knowledgebot.aws.UsageTableLayout.WINDOW;

import java.time.Instant;
import java.util.Map;
import org.knowledgebot.core.port.UsageCounters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link UsageCounters} in a DynamoDB table keyed {@code user_id} / {@code window}: one item per user per window,
 * counted with an atomic {@code ADD} (no read-modify-write, so concurrent Lambdas never lose a count) and deleted
 * by DynamoDB's TTL on {@code expires_at} (epoch seconds) after its window.
 */
public record DynamoUsageCounters(DynamoDbClient dynamo, String table) implements UsageCounters {
    static final String COUNT = "count";

    @Override
    public long add(String userId, String window, long amount, Instant expiresAt) {
        Map<String, AttributeValue> updated = dynamo.updateItem(update -> update
                .tableName(table)
                .key(key(userId, window))
                .updateExpression("ADD #count :amount SET #expires = if_not_exists(#expires, :expires)")
                .expressionAttributeNames(Map.of("#count", COUNT, "#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":amount", AttributeValue.fromN(Long.toString(amount)),
                        ":expires", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(updated.get(COUNT).n());
    }

    @Override
    public long get(String userId, String window) {
        GetItemResponse response = dynamo.getItem(get -> get.tableName(table).key(key(userId, window))
                .projectionExpression("#count").expressionAttributeNames(Map.of("#count", COUNT)));
        AttributeValue count = response.hasItem() ? response.item().get(COUNT) : null;
        return count == null ? 0 : Long.parseLong(count.n());
    }

    private static Map<String, AttributeValue> key(String userId, String window) {
        return Map.of(USER, AttributeValue.fromS(userId), WINDOW, AttributeValue.fromS(window));
    }
}
