package org.knowledgebot.infra.constructs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.infra.config.StageConfig;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What the chat function needs for the per-user limits: its settings (a limit of 0 is left unset, which turns it
 * off) and the counters table, which it may only read and add to, item by item.
 */
public final class PerUserLimits {
    private PerUserLimits() {
    }

    /** {@code USAGE_TABLE_NAME}, {@code USER_MESSAGES_PER_MINUTE} and {@code USER_DAILY_TOKENS}. */
    public static Map<String, String> environment(StageConfig config, ITable usageTable) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("USAGE_TABLE_NAME", usageTable.getTableName());
        if (config.userMessagesPerMinute() > 0) {
            environment.put("USER_MESSAGES_PER_MINUTE", Integer.toString(config.userMessagesPerMinute()));
        }
        if (config.userDailyTokens() > 0) {
            environment.put("USER_DAILY_TOKENS", Integer.toString(config.userDailyTokens()));
        }
        return environment;
    }

    /** GetItem (the day's tokens) and UpdateItem (the atomic ADD) on the counters table only. */
    public static PolicyStatement counting(ITable usageTable) {
        return PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:UpdateItem"))
                .resources(List.of(usageTable.getTableArn()))
                .build();
    }
}
