package org.knowledgebot.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deletes many items of the sessions table in BatchWriteItem calls of 25, resending what DynamoDB left
 * unprocessed (under throttling) with backoff, a bounded number of times.
 */
final class BatchDeletes {
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private BatchDeletes() {
    }

    static void delete(DynamoDbClient dynamo, String tableName, List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> pending = new ArrayList<>();
            int to = Math.min(keys.size(), from + BATCH_WRITE_LIMIT);
            for (Map<String, AttributeValue> key : keys.subList(from, to)) {
                pending.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
            }
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException(pending.size() + " deletes stayed unprocessed; retry the delete");
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(request -> request
                        .requestItems(Map.of(tableName, batch)));
                pending = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(tableName, List.of())
                        : List.of();
                if (!pending.isEmpty()) {
                    pauseBeforeRetry(round);
                }
            }
        }
    }

    /** Exponential backoff with full jitter, so racing writers spread out instead of colliding again. */
    static void pauseBeforeRetry(int attempt) {
        long ceiling = Math.min(200L, 10L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a session write", e);
        }
    }
}
