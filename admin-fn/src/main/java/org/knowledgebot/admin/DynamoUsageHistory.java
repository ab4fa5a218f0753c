package org.knowledgebot.admin;

import static org.knowledgebot.aws.UsageTableLayout.DAYS_PARTITION;
import static org.knowledgebot.aws.UsageTableLayout.ERRORS;
import static org.knowledgebot.aws.UsageTableLayout.INPUT_PREFIX;
import static org.knowledgebot.aws.UsageTableLayout.OUTPUT_PREFIX;
import static org.knowledgebot.aws.UsageTableLayout.QUESTIONS;
import static org.knowledgebot.aws.UsageTableLayout.TOKENS;
import static org.knowledgebot.aws.UsageTableLayout.USER;
import static org.knowledgebot.aws.UsageTableLayout.WINDOW;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.aws.UsageTableLayout;
import org.knowledgebot.core.usage.UsageHistory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link UsageHistory} from the usage table that chat-fn counts into ({@link UsageTableLayout}): one Query of the
 * reserved partition over the period's key range, page after page, which returns the days' totals and the
 * users' days together. It reads nothing else of the table (the per-user limit counters live in other partitions).
 */
public record DynamoUsageHistory(DynamoDbClient dynamo, String table) implements UsageHistory {
    @Override
    public Counted read(LocalDate first, LocalDate last) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#user = :partition AND #window BETWEEN :first AND :last")
                .expressionAttributeNames(Map.of("#user", USER, "#window", WINDOW))
                .expressionAttributeValues(Map.of(":partition", AttributeValue.fromS(DAYS_PARTITION),
                        ":first", AttributeValue.fromS(UsageTableLayout.dayWindow(first)),
                        ":last", AttributeValue.fromS(UsageTableLayout.lastWindowOf(last))))
                .build();
        List<DayTotals> days = new ArrayList<>();
        List<UserDay> userDays = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            String window = item.get(WINDOW).s();
            LocalDate day = LocalDate.parse(window.substring(0, 10));
            if (UsageTableLayout.isDayWindow(window)) {
                days.add(new DayTotals(day, count(item, QUESTIONS), count(item, ERRORS), tokensByModel(item)));
            } else {
                userDays.add(new UserDay(day, window.substring(11), count(item, QUESTIONS), count(item, TOKENS)));
            }
        }
        return new Counted(days, userDays);
    }

    private static Map<String, Tokens> tokensByModel(Map<String, AttributeValue> item) {
        Map<String, Tokens> tokens = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(INPUT_PREFIX)) {
                tokens.merge(name.substring(INPUT_PREFIX.length()), new Tokens(Long.parseLong(value.n()), 0), Tokens::plus);
            } else if (name.startsWith(OUTPUT_PREFIX)) {
                tokens.merge(name.substring(OUTPUT_PREFIX.length()), new Tokens(0, Long.parseLong(value.n())), Tokens::plus);
            }
        });
        return tokens;
    }

    private static long count(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
