package org.knowledgebot.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/** Reads synthesized templates as plain maps, for assertions on exact IAM statements and properties. */
final class Templates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Templates() {
    }

    /** Logical id → resource, for every resource of one type. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    /** The one resource of a type whose logical id starts with a prefix. */
    static Map<String, Object> resource(Template template, String type, String logicalIdPrefix) {
        List<Map<String, Object>> found = resources(template, type).entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(logicalIdPrefix))
                .map(Map.Entry::getValue)
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + logicalIdPrefix + "* but found " + found.size());
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** The statements of the inline policies attached to the role whose logical id starts with a prefix. */
    @SuppressWarnings("unchecked")
    static List<Statement> statementsOfRole(Template template, String roleLogicalIdPrefix) {
        List<Statement> statements = new ArrayList<>();
        for (Map<String, Object> policy : resources(template, "AWS::IAM::Policy").values()) {
            Map<String, Object> props = properties(policy);
            String roles = json(props.get("Roles"));
            if (!roles.contains("\"Ref\":\"" + roleLogicalIdPrefix)) {
                continue;
            }
            Map<String, Object> document = (Map<String, Object>) props.get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                statements.add(new Statement(asSet(statement.get("Action")), json(statement.get("Resource")),
                        json(statement.get("Condition"))));
            }
        }
        return statements;
    }

    /** One IAM statement: its actions, and its resources and condition as JSON text. */
    record Statement(TreeSet<String> actions, String resources, String condition) {
        boolean allows(String action) {
            return actions.contains(action);
        }
    }

    /** The statement granting exactly these actions; fails when there is none or more than one. */
    static Statement statementWith(List<Statement> statements, String... actions) {
        TreeSet<String> wanted = new TreeSet<>(List.of(actions));
        List<Statement> found = statements.stream().filter(s -> s.actions().equals(wanted)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one statement with actions " + wanted + " in " + statements);
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String> asSet(Object value) {
        TreeSet<String> set = new TreeSet<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> set.add(String.valueOf(v)));
        } else {
            set.add(String.valueOf(value));
        }
        return set;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every API Gateway route of the template by its route key ("$connect", "POST /user-session"), mapped by {@code value}. */
    static <T> Map<String, T> routesByKey(Template template, Function<Map<String, Object>, T> value) {
        return resources(template, "AWS::ApiGatewayV2::Route").values().stream()
                .map(Templates::properties)
                .collect(Collectors.toMap(route -> (String) route.get("RouteKey"), value, (first, second) -> {
                    throw new AssertionError("two routes with one key: " + first + " and " + second);
                }, LinkedHashMap::new));
    }

    /** The Lambda alias (logical id without its hash) behind a route's integration target. */
    static String aliasBehindRoute(Template template, String targetJson) {
        String integrationId = targetJson.replaceAll(".*\"Ref\":\"([A-Za-z0-9]+)\".*", "$1");
        String uri = json(properties(resources(template, "AWS::ApiGatewayV2::Integration").get(integrationId)).get("IntegrationUri"));
        return uri.replaceAll(".*\"Ref\":\"([A-Za-z]+Alias)[0-9A-F]+\".*", "$1");
    }

    /** Environment variables of the Lambda function whose logical id starts with a prefix. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Template template, String functionLogicalIdPrefix) {
        Map<String, Object> props = properties(resource(template, "AWS::Lambda::Function", functionLogicalIdPrefix));
        return (Map<String, Object>) ((Map<String, Object>) props.get("Environment")).get("Variables");
    }
}
