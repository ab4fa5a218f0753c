package org.knowledgebot.core.usage;

/**
 * Where the chat route counts its questions per UTC day (DynamoDB's usage table on AWS, SQLite locally), for the
 * operators' {@code GET /admin/usage}.
 */
public interface UsageLedger {
    /**
     * Adds {@code usage} to its day's totals (one question, one error when it failed, its tokens under its model) and
     * to its user's day (one question, its tokens), atomically: concurrent adds never lose a count.
     */
    void add(QuestionUsage usage);
}
