package org.knowledgebot.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.gaps.AskedQuestion;
import org.knowledgebot.core.gaps.UnsourcedAnswers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The unsourced answers' questions from the sessions table's sparse {@value #INDEX} index (only such turns carry
 * its partition key), newest first: one Query per page of the index, never a scan of the table.
 */
public record DynamoUnsourcedAnswers(DynamoDbClient dynamo, String tableName) implements UnsourcedAnswers {
    public static final String INDEX = "UnsourcedQuestions";

    @Override
    public List<AskedQuestion> since(Instant since, int max) {
        List<AskedQuestion> questions = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            int limit = max - questions.size();
            QueryResponse page = dynamo.query(request -> request.tableName(tableName).indexName(INDEX)
                    .keyConditionExpression("#u = :all AND #at >= :since")
                    .expressionAttributeNames(Map.of("#u", SessionItems.UNSOURCED, "#at", SessionItems.CREATED_AT,
                            "#q", SessionItems.USER_TEXT))
                    .expressionAttributeValues(Map.of(":all", SessionItems.string(SessionItems.UNSOURCED_ALL),
                            ":since", SessionItems.string(SessionItems.timestamp(since))))
                    .projectionExpression("#q, #at")
                    .scanIndexForward(false)
                    .limit(limit)
                    .exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> item : page.items()) {
                questions.add(new AskedQuestion(item.get(SessionItems.USER_TEXT).s(),
                        Instant.parse(item.get(SessionItems.CREATED_AT).s())));
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && questions.size() < max);
        return questions;
    }
}
