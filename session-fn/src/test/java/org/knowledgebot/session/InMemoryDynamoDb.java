package org.knowledgebot.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A tiny DynamoDB for tests: speaks the JSON 1.0 protocol on 127.0.0.1 for the operations and expression forms the
 * session store uses (GetItem, PutItem, DeleteItem, Query on the table and the sparse {@code RecentSessions} index,
 * TransactWriteItems, BatchWriteItem), with conditions, pagination and DynamoDB's real error shapes. Anything else
 * is answered with a ValidationException, so an unexpected request fails the test instead of passing silently.
 */
final class InMemoryDynamoDb implements AutoCloseable {
    static final String TABLE = "knowledgebot-sessions-test";
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final Pattern KEY_CONDITION = Pattern.compile(
            "(\\S+) = (:\\w+)(?: AND (\\S+) BETWEEN (:\\w+) AND (:\\w+))?");
    private static final Pattern EQUALS = Pattern.compile("(\\S+) = (:\\w+)");
    private static final Pattern NOT_EXISTS = Pattern.compile("attribute_not_exists\\((\\S+)\\)");
    private static final Pattern EXISTS = Pattern.compile("attribute_exists\\((\\S+)\\)");

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request, and how many items its answer held (what a read costs: DynamoDB bills by items read). */
    record Call(String operation, JsonNode body, int itemsRead) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, TreeMap<String, ObjectNode>> partitions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private int pageSize = 1_000;
    private int conflictsToInject;
    private int unprocessedToInject;

    InMemoryDynamoDb() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Query pages hold at most this many items (DynamoDB's own cut is 1 MB). */
    synchronized void pageSize(int items) {
        pageSize = items;
    }

    /** The next {@code count} transactions fail with ConditionalCheckFailed, as if another writer won the race. */
    synchronized void injectTransactionConflicts(int count) {
        conflictsToInject = count;
    }

    /** The next BatchWriteItem leaves its first {@code count} requests unprocessed, as under throttling. */
    synchronized void injectUnprocessedWrites(int count) {
        unprocessedToInject = count;
    }

    List<Call> calls(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    void clearCalls() {
        calls.clear();
    }

    synchronized List<String> sortKeys(String userId) {
        return new ArrayList<>(partitions.getOrDefault(userId, new TreeMap<>()).keySet());
    }

    synchronized ObjectNode item(String userId, String sortKey) {
        return partitions.getOrDefault(userId, new TreeMap<>()).get(sortKey);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = json.readTree(exchange.getRequestBody());
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        int status = 200;
        JsonNode response;
        try {
            if (target == null || !target.startsWith("DynamoDB_20120810.")) {
                throw new DynamoError("UnknownOperationException", "missing or unknown X-Amz-Target");
            }
            rejectUnusedPlaceholders(body);
            for (JsonNode action : body.path("TransactItems")) {
                action.forEach(InMemoryDynamoDb::rejectUnusedPlaceholders);
            }
            synchronized (this) {
                response = switch (operation) {
                    case "GetItem" -> getItem(body);
                    case "PutItem" -> putItem(body);
                    case "DeleteItem" -> deleteItem(body);
                    case "UpdateItem" -> updateItem(body);
                    case "Query" -> query(body);
                    case "TransactWriteItems" -> transactWriteItems(body);
                    case "BatchWriteItem" -> batchWriteItem(body);
                    default -> throw new DynamoError("UnknownOperationException", "unsupported " + operation);
                };
            }
        } catch (DynamoError e) {
            status = 400;
            response = e.toJson(json);
        }
        calls.add(new Call(operation, body, response.has("Item") ? 1 : response.path("Items").size()));
        byte[] bytes = json.writeValueAsBytes(response);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "STUBREQUEST" + calls.size());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private JsonNode getItem(JsonNode body) {
        requireTable(body);
        ObjectNode item = find(body.get("Key"));
        ObjectNode response = json.createObjectNode();
        if (item != null) {
            response.set("Item", project(item, body));
        }
        return response;
    }

    private JsonNode putItem(JsonNode body) {
        requireTable(body);
        ObjectNode item = (ObjectNode) body.get("Item");
        if (!conditionHolds(find(item), body)) {
            throw new DynamoError("ConditionalCheckFailedException", "The conditional request failed");
        }
        store(item.deepCopy());
        return json.createObjectNode();
    }

    private JsonNode deleteItem(JsonNode body) {
        requireTable(body);
        JsonNode key = body.get("Key");
        ObjectNode old = partition(key.get("user_id").get("S").asText()).remove(key.get("sk").get("S").asText());
        ObjectNode response = json.createObjectNode();
        if (old != null && "ALL_OLD".equals(body.path("ReturnValues").asText())) {
            response.set("Attributes", old);
        }
        return response;
    }

    private JsonNode updateItem(JsonNode body) {
        requireTable(body);
        ObjectNode existing = find(body.get("Key"));
        if (!conditionHolds(existing, body)) {
            throw new DynamoError("ConditionalCheckFailedException", "The conditional request failed");
        }
        applyUpdate(existing, body);
        return json.createObjectNode();
    }

    private JsonNode query(JsonNode body) {
        requireTable(body);
        String index = body.path("IndexName").asText(null);
        if (index != null && !index.equals("RecentSessions")) {
            throw new DynamoError("ValidationException", "The table does not have the specified index: " + index);
        }
        if (index != null && body.path("ConsistentRead").asBoolean(false)) {
            throw new DynamoError("ValidationException", "Consistent reads are not supported on global secondary indexes");
        }
        Matcher condition = KEY_CONDITION.matcher(body.path("KeyConditionExpression").asText());
        if (!condition.matches() || !"user_id".equals(name(body, condition.group(1)))) {
            throw new DynamoError("ValidationException", "unsupported KeyConditionExpression");
        }
        String userId = value(body, condition.group(2)).get("S").asText();
        List<ObjectNode> matching = new ArrayList<>(partition(userId).values());
        if (condition.group(3) != null) {
            if (!"sk".equals(name(body, condition.group(3)))) {
                throw new DynamoError("ValidationException", "range condition must be on the sort key");
            }
            String from = value(body, condition.group(4)).get("S").asText();
            String to = value(body, condition.group(5)).get("S").asText();
            matching.removeIf(item -> sk(item).compareTo(from) < 0 || sk(item).compareTo(to) > 0);
        }
        Comparator<ObjectNode> order = Comparator.comparing(InMemoryDynamoDb::sk);
        if (index != null) {
            matching.removeIf(item -> !item.has("updated_at"));
            order = Comparator.comparing((ObjectNode item) -> item.get("updated_at").get("S").asText()).thenComparing(order);
        }
        if (!body.path("ScanIndexForward").asBoolean(true)) {
            order = order.reversed();
        }
        matching.sort(order);
        JsonNode startKey = body.get("ExclusiveStartKey");
        if (startKey != null) {
            ObjectNode start = (ObjectNode) startKey;
            int position = 0;
            while (position < matching.size() && order.compare(matching.get(position), start) <= 0) {
                position++;
            }
            matching = matching.subList(position, matching.size());
        }
        int limit = Math.min(pageSize, body.path("Limit").asInt(Integer.MAX_VALUE));
        ObjectNode response = json.createObjectNode();
        ArrayNode items = response.putArray("Items");
        List<ObjectNode> page = matching.subList(0, Math.min(limit, matching.size()));
        page.forEach(item -> items.add(project(item, body)));
        response.put("Count", page.size());
        response.put("ScannedCount", page.size());
        if (page.size() == limit) {
            // Like DynamoDB: a page cut by Limit or size names its last key even when nothing follows.
            ObjectNode last = page.get(page.size() - 1);
            ObjectNode lastKey = response.putObject("LastEvaluatedKey");
            lastKey.set("user_id", last.get("user_id"));
            lastKey.set("sk", last.get("sk"));
            if (index != null) {
                lastKey.set("updated_at", last.get("updated_at"));
            }
        }
        return response;
    }

    private JsonNode transactWriteItems(JsonNode body) {
        ArrayNode reasons = json.createArrayNode();
        boolean cancelled = false;
        List<Runnable> writes = new ArrayList<>();
        for (JsonNode action : body.get("TransactItems")) {
            JsonNode put = action.get("Put");
            JsonNode update = action.get("Update");
            JsonNode request = put != null ? put : update;
            if (request == null) {
                throw new DynamoError("ValidationException", "only Put and Update are supported in transactions");
            }
            requireTable(request);
            ObjectNode existing = find(put != null ? put.get("Item") : update.get("Key"));
            boolean holds = conditionHolds(existing, request);
            if (conflictsToInject > 0) {
                holds = false;
            }
            reasons.add(holds ? json.createObjectNode().put("Code", "None")
                    : json.createObjectNode().put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed"));
            cancelled |= !holds;
            writes.add(put != null ? () -> store(((ObjectNode) put.get("Item")).deepCopy()) : () -> applyUpdate(existing, update));
        }
        if (conflictsToInject > 0) {
            conflictsToInject--;
        }
        if (cancelled) {
            String codes = StreamSupport.stream(reasons.spliterator(), false)
                    .map(reason -> reason.get("Code").asText()).collect(Collectors.joining(", "));
            DynamoError error = new DynamoError("TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
            error.reasons = reasons;
            throw error;
        }
        writes.forEach(Runnable::run);
        return json.createObjectNode();
    }

    private JsonNode batchWriteItem(JsonNode body) {
        JsonNode requests = body.get("RequestItems").get(TABLE);
        if (requests == null || body.get("RequestItems").size() != 1) {
            throw new DynamoError("ResourceNotFoundException", "Requested resource not found");
        }
        if (requests.size() > 25) {
            throw new DynamoError("ValidationException", "Too many items requested for the BatchWriteItem call");
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode unprocessed = response.putObject("UnprocessedItems").putArray(TABLE);
        int skip = unprocessedToInject;
        unprocessedToInject = 0;
        for (JsonNode request : requests) {
            if (skip-- > 0) {
                unprocessed.add(request);
                continue;
            }
            JsonNode key = request.path("DeleteRequest").get("Key");
            if (key == null) {
                throw new DynamoError("ValidationException", "only DeleteRequest is supported");
            }
            partition(key.get("user_id").get("S").asText()).remove(key.get("sk").get("S").asText());
        }
        if (unprocessed.isEmpty()) {
            response.set("UnprocessedItems", json.createObjectNode());
        }
        return response;
    }

    private boolean conditionHolds(ObjectNode existing, JsonNode request) {
        String condition = request.path("ConditionExpression").asText("");
        if (condition.isEmpty()) {
            return true;
        }
        Matcher notExists = NOT_EXISTS.matcher(condition);
        if (notExists.matches()) {
            return existing == null || !existing.has(name(request, notExists.group(1)));
        }
        Matcher exists = EXISTS.matcher(condition);
        if (exists.matches()) {
            return existing != null && existing.has(name(request, exists.group(1)));
        }
        Matcher equals = EQUALS.matcher(condition);
        if (equals.matches()) {
            return existing != null && value(request, equals.group(2)).equals(existing.get(name(request, equals.group(1))));
        }
        throw new DynamoError("ValidationException", "unsupported ConditionExpression: " + condition);
    }

    private void applyUpdate(ObjectNode existing, JsonNode update) {
        String expression = update.get("UpdateExpression").asText();
        if (!expression.startsWith("SET ")) {
            throw new DynamoError("ValidationException", "unsupported UpdateExpression: " + expression);
        }
        ObjectNode item = existing == null ? ((ObjectNode) update.get("Key")).deepCopy() : existing;
        for (String assignment : expression.substring(4).split(",")) {
            Matcher set = EQUALS.matcher(assignment.trim());
            if (!set.matches()) {
                throw new DynamoError("ValidationException", "unsupported assignment: " + assignment);
            }
            item.set(name(update, set.group(1)), value(update, set.group(2)));
        }
        store(item);
    }

    private ObjectNode project(ObjectNode item, JsonNode request) {
        String projection = request.path("ProjectionExpression").asText("");
        if (projection.isEmpty()) {
            return item.deepCopy();
        }
        ObjectNode projected = json.createObjectNode();
        for (String path : projection.split(",")) {
            String attribute = name(request, path.trim());
            if (item.has(attribute)) {
                projected.set(attribute, item.get(attribute));
            }
        }
        return projected;
    }

    private ObjectNode find(JsonNode keyOrItem) {
        return partition(keyOrItem.get("user_id").get("S").asText()).get(keyOrItem.get("sk").get("S").asText());
    }

    private void store(ObjectNode item) {
        partition(item.get("user_id").get("S").asText()).put(sk(item), item);
    }

    private TreeMap<String, ObjectNode> partition(String userId) {
        return partitions.computeIfAbsent(userId, ignored -> new TreeMap<>());
    }

    private static String sk(ObjectNode item) {
        return item.get("sk").get("S").asText();
    }

    private static void requireTable(JsonNode request) {
        if (!TABLE.equals(request.path("TableName").asText())) {
            throw new DynamoError("ResourceNotFoundException", "Requested resource not found");
        }
    }

    /** DynamoDB refuses a request that defines a #name or :value no expression uses. */
    private static void rejectUnusedPlaceholders(JsonNode request) {
        String expressions = String.join(" ", request.path("KeyConditionExpression").asText(""),
                request.path("ConditionExpression").asText(""), request.path("UpdateExpression").asText(""),
                request.path("ProjectionExpression").asText(""), request.path("FilterExpression").asText(""));
        for (String map : List.of("ExpressionAttributeNames", "ExpressionAttributeValues")) {
            request.path(map).fieldNames().forEachRemaining(placeholder -> {
                if (!Pattern.compile(Pattern.quote(placeholder) + "(?![\\w])").matcher(expressions).find()) {
                    throw new DynamoError("ValidationException",
                            "Value provided in " + map + " unused in expressions: keys: {" + placeholder + "}");
                }
            });
        }
    }

    private static String name(JsonNode request, String placeholder) {
        if (!placeholder.startsWith("#")) {
            return placeholder;
        }
        JsonNode name = request.path("ExpressionAttributeNames").get(placeholder);
        if (name == null) {
            throw new DynamoError("ValidationException", "An expression attribute name used in the document path is not defined; attribute name: " + placeholder);
        }
        return name.asText();
    }

    private static JsonNode value(JsonNode request, String placeholder) {
        JsonNode value = request.path("ExpressionAttributeValues").get(placeholder);
        if (value == null) {
            throw new DynamoError("ValidationException", "An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        return value;
    }

    private static final class DynamoError extends RuntimeException {
        private final String type;
        private ArrayNode reasons;

        DynamoError(String type, String message) {
            super(message);
            this.type = type;
        }

        JsonNode toJson(ObjectMapper json) {
            ObjectNode error = json.createObjectNode().put("__type", ERROR_PREFIX + type).put("message", getMessage());
            if (reasons != null) {
                error.set("CancellationReasons", reasons);
            }
            return error;
        }
    }
}
