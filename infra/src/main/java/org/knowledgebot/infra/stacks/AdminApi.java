package org.knowledgebot.infra.stacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.infra.config.StageConfig;
import org.knowledgebot.infra.constructs.JavaFunction;
import org.knowledgebot.infra.constructs.Nag;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.constructs.Construct;

/**
 * The admin function's routes on the session HTTP API, behind the same Cognito JWT authorizer as
 * {@code /user-session}; the function itself lets only members of the {@code admins} group use {@code /admin/*}.
 * Its role may query and put items of the feedback table, query the sessions table (to find the answer a rating
 * names), read the usage table (the usage report) and, when the app creates the retriever, manage the documents bucket and read or start the one index's
 * ingestion; nothing else of the stage.
 */
public final class AdminApi extends Construct {
    /** The routes of the admin function on every stage, as {@code METHOD path}. */
    public static final List<String> ROUTES = List.of("POST /feedback", "GET /admin/feedback", "GET /admin/feedback.csv",
            "GET /admin/gaps", "GET /admin/usage");
    /** Its routes on a stage whose documents bucket and retriever the app creates. */
    public static final List<String> DOCUMENT_ROUTES = List.of("GET /admin/documents", "POST /admin/documents/uploads",
            "DELETE /admin/documents/{path+}", "GET /admin/ingestion", "POST /admin/ingestion");

    /** What DynamoFeedbackStore calls: the list is a Query of the ByRatedAt index. */
    static final List<String> FEEDBACK_TABLE_ACTIONS = List.of("dynamodb:Query");
    /** A rating is one PutItem on its key (a second rating of the same answer replaces the first). */
    static final List<String> FEEDBACK_WRITE_ACTIONS = List.of("dynamodb:PutItem");
    /**
     * Finding the rated answer among the caller's turns is a Query of that one session's key range; the gaps report
     * a Query of the sparse UnsourcedQuestions index.
     */
    static final List<String> SESSIONS_READ_ACTIONS = List.of("dynamodb:Query");
    /** The usage report is one Query of the usage table's reserved partition (paged); GetItem for a single day. */
    static final List<String> USAGE_READ_ACTIONS = List.of("dynamodb:Query", "dynamodb:GetItem");

    /**
     * What the function reads or writes: its table, the sessions table (read only: the rated answer), and the
     * documents when the stage manages them here.
     */
    public record Tables(ITable feedback, String feedbackByTimeIndex, ITable sessions, String unsourcedIndex,
                         ITable usage, Optional<ManagedDocuments> documents) {
    }

    public AdminApi(Construct scope, String id, JavaFunction function, HttpApi api, IHttpRouteAuthorizer authorizer,
                    Tables tables) {
        super(scope, id);
        HttpLambdaIntegration integration = new HttpLambdaIntegration("AdminIntegration", function.alias());
        List<String> routes = new ArrayList<>(ROUTES);
        tables.documents().ifPresent(documents -> {
            routes.addAll(DOCUMENT_ROUTES);
            grantDocuments(function, documents);
        });
        for (String route : routes) {
            SessionHttpApi.route(api, authorizer, route, integration);
        }
        function.allow(FEEDBACK_TABLE_ACTIONS, List.of(tables.feedback().getTableArn(),
                tables.feedback().getTableArn() + "/index/" + tables.feedbackByTimeIndex()));
        function.allow(FEEDBACK_WRITE_ACTIONS, List.of(tables.feedback().getTableArn()));
        function.allow(SESSIONS_READ_ACTIONS, List.of(tables.sessions().getTableArn(),
                tables.sessions().getTableArn() + "/index/" + tables.unsourcedIndex()));
        function.allow(USAGE_READ_ACTIONS, List.of(tables.usage().getTableArn()));
    }

    /**
     * Put and delete any document of the bucket (operators choose the paths), list the bucket (also how a delete
     * learns whether the key exists), and the index's document and ingestion actions on the one index.
     */
    private static void grantDocuments(JavaFunction function, ManagedDocuments documents) {
        function.allow(List.of("s3:PutObject", "s3:DeleteObject"), List.of(documents.bucket().arnForObjects("*")));
        function.allow(List.of("s3:ListBucket"), List.of(documents.bucket().getBucketArn()));
        documents.indexPermissions().forEach(function.role()::addToPolicy);
        Nag.suppressMatching(function.role(), "AwsSolutions-IAM5",
                "Operators upload and delete documents under paths they choose, in the documents bucket only.",
                "^Resource::.*Documents[0-9A-F]+.*/\\*$");
    }

    /** The admin function's own settings; the stage's model prices only when it sets some. */
    public static Map<String, String> environment(StageConfig config, Tables tables) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FEEDBACK_TABLE_NAME", tables.feedback().getTableName());
        environment.put("SESSIONS_TABLE_NAME", tables.sessions().getTableName());
        environment.put("USAGE_TABLE_NAME", tables.usage().getTableName());
        config.modelPrices().ifPresent(prices -> environment.put("MODEL_PRICES", prices));
        tables.documents().ifPresent(documents -> {
            environment.put("DOCUMENTS_BUCKET_NAME", documents.bucket().getBucketName());
            environment.putAll(documents.environment());
        });
        return environment;
    }
}
