package org.knowledgebot.infra.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a stage's configuration: built-in defaults, then {@code <stagesDir>/<stage>.json} when present, then
 * context values ({@code -c key=value} or cdk.json) for the same keys. Unknown keys in a stage file are errors so
 * that a typo never silently falls back to a default.
 */
public final class StageConfigLoader {

    /** The keys a stage file or the context may set, with their defaults (null: absent unless configured). */
    public static final Map<String, Object> DEFAULTS = defaults();

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Set<String> CONFIDENCE_BUCKETS = Set.of("VERY_HIGH", "HIGH", "MEDIUM", "LOW");
    private static final Set<String> KENDRA_EDITIONS = Set.of("DEVELOPER_EDITION", "ENTERPRISE_EDITION", "GEN_AI_ENTERPRISE_EDITION");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StageConfigLoader() {
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("account", null);
        values.put("region", null);
        values.put("answerModelId", "anthropic.claude-3-5-sonnet-20240620-v1:0");
        values.put("rewriteModelId", "mistral.mistral-7b-instruct-v0:2");
        values.put("answerModels", "");
        values.put("retriever", RetrieverChoice.KNOWLEDGE_BASE.configName());
        values.put("knowledgeBaseId", null);
        values.put("kendraIndexId", null);
        values.put("kendraEdition", "DEVELOPER_EDITION");
        values.put("embeddingModelId", "amazon.titan-embed-text-v2:0");
        values.put("embeddingDimension", 1024);
        values.put("minConfidence", "MEDIUM");
        values.put("pageSize", 12);
        values.put("kendraLanguageCode", null);
        values.put("allowedOrigins", List.of());
        values.put("logRetentionDays", 30);
        values.put("alarmEmail", null);
        values.put("removalPolicy", null);
        values.put("allowClientSystemPrompt", false);
        values.put("retrievalFailureMode", "continue");
        values.put("userPoolId", null);
        values.put("userPoolClientId", null);
        values.put("cognitoDomainUrl", null);
        values.put("cognitoDomainPrefix", null);
        values.put("apiRateLimit", 50);
        values.put("apiBurstLimit", 100);
        values.put("chatMemoryMb", 1024);
        values.put("chatTimeoutSeconds", 600);
        values.put("chatP99AlarmSeconds", 60);
        // Per-user limits (0 turns one off): one user or script cannot use up the stage's throttle or its model bill.
        values.put("userMessagesPerMinute", 20);
        values.put("userDailyTokens", 200_000);
        // Answer models' USD per 1,000 tokens for the usage report, over shared-core's ModelPrices defaults.
        values.put("modelPrices", null);
        return java.util.Collections.unmodifiableMap(values);
    }

    /**
     * @param stage     the stage name (lower case letters, digits and hyphens; used in resource names)
     * @param stagesDir folder holding {@code <stage>.json} files; a missing file means defaults only
     * @param context   context lookup (e.g. {@code app.getNode()::tryGetContext}); null means not set
     */
    public static StageConfig load(String stage, Path stagesDir, Function<String, Object> context) {
        if (stage == null || !STAGE_NAME.matcher(stage).matches()) {
            throw new StageConfigException("stage must be 1-20 lower-case letters, digits or hyphens, starting with a letter"
                    + " (pass -c stage=<name>), but was '" + stage + "'");
        }
        Map<String, Object> values = new LinkedHashMap<>(DEFAULTS);
        values.putAll(readStageFile(stagesDir.resolve(stage + ".json")));
        for (String key : DEFAULTS.keySet()) {
            Object override = context.apply(key);
            if (override != null) {
                values.put(key, override);
            }
        }
        return build(stage, values);
    }

    private static Map<String, Object> readStageFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Map<String, Object> fromFile;
        try {
            fromFile = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new StageConfigException(file + " is not a JSON object of settings: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(fromFile.keySet());
        unknown.removeAll(DEFAULTS.keySet());
        if (!unknown.isEmpty()) {
            throw new StageConfigException(file + " has unknown keys " + unknown + "; known keys are " + DEFAULTS.keySet());
        }
        return fromFile;
    }

    private static StageConfig build(String stage, Map<String, Object> values) {
        RetrieverChoice retriever = RetrieverChoice.fromConfigName(text(values, "retriever"));
        Optional<String> knowledgeBaseId = optionalText(values, "knowledgeBaseId");
        Optional<String> kendraIndexId = optionalText(values, "kendraIndexId");
        if (retriever == RetrieverChoice.EXISTING_KNOWLEDGE_BASE && knowledgeBaseId.isEmpty()) {
            throw new StageConfigException("retriever existingKnowledgeBase needs knowledgeBaseId (-c knowledgeBaseId=<id>)");
        }
        if (retriever == RetrieverChoice.EXISTING_KENDRA && kendraIndexId.isEmpty()) {
            throw new StageConfigException("retriever existingKendra needs kendraIndexId (-c kendraIndexId=<index id>)");
        }
        String minConfidence = text(values, "minConfidence");
        if (!CONFIDENCE_BUCKETS.contains(minConfidence)) {
            throw new StageConfigException("minConfidence must be one of " + new TreeSet<>(CONFIDENCE_BUCKETS) + " but was '" + minConfidence + "'");
        }
        String kendraEdition = text(values, "kendraEdition");
        if (!KENDRA_EDITIONS.contains(kendraEdition)) {
            throw new StageConfigException("kendraEdition must be one of " + new TreeSet<>(KENDRA_EDITIONS) + " but was '" + kendraEdition + "'");
        }
        String failureMode = text(values, "retrievalFailureMode");
        if (!failureMode.equals("continue") && !failureMode.equals("fail")) {
            throw new StageConfigException("retrievalFailureMode must be continue or fail but was '" + failureMode + "'");
        }
        return new StageConfig(
                stage,
                optionalText(values, "account"),
                optionalText(values, "region"),
                text(values, "answerModelId"),
                text(values, "rewriteModelId"),
                modelAliases(optionalText(values, "answerModels").orElse("")),
                retriever,
                knowledgeBaseId,
                kendraIndexId,
                kendraEdition,
                text(values, "embeddingModelId"),
                number(values, "embeddingDimension"),
                minConfidence,
                number(values, "pageSize"),
                optionalText(values, "kendraLanguageCode"),
                list(values, "allowedOrigins"),
                number(values, "logRetentionDays"),
                optionalText(values, "alarmEmail"),
                retainData(stage, optionalText(values, "removalPolicy")),
                flag(values, "allowClientSystemPrompt"),
                failureMode,
                importedUserPool(values),
                optionalText(values, "cognitoDomainPrefix"),
                number(values, "apiRateLimit"),
                number(values, "apiBurstLimit"),
                number(values, "chatMemoryMb"),
                atLeast(number(values, "chatTimeoutSeconds"), 300, "chatTimeoutSeconds"),
                number(values, "chatP99AlarmSeconds"),
                atLeast(number(values, "userMessagesPerMinute"), 0, "userMessagesPerMinute"),
                atLeast(number(values, "userDailyTokens"), 0, "userDailyTokens"),
                modelPrices(values.get("modelPrices")));
    }

    /**
     * The stage's prices as the admin function reads them ({@code MODEL_PRICES}, a JSON map of model id to
     * {@code {"input":…,"output":…}}), checked here so that a typo fails the synth, not the function's init.
     */
    private static Optional<String> modelPrices(Object value) {
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        try {
            String json = value instanceof String text ? text.trim() : JSON.writeValueAsString(value);
            JsonNode prices = JSON.readTree(json);
            boolean valid = prices != null && prices.isObject() && !prices.isEmpty();
            for (JsonNode price : prices == null ? JSON.createArrayNode() : prices) {
                valid &= price.path("input").isNumber() && price.path("input").asDouble() >= 0
                        && price.path("output").isNumber() && price.path("output").asDouble() >= 0;
            }
            if (!valid) {
                throw new IOException("not a map of prices");
            }
            return Optional.of(json);
        } catch (IOException e) {
            throw new StageConfigException("modelPrices must map model ids to USD per 1,000 tokens, e.g. "
                    + "{\"anthropic.claude-3-5-sonnet-20240620-v1:0\":{\"input\":0.003,\"output\":0.015}}, but was " + value);
        }
    }

    private static boolean retainData(String stage, Optional<String> removalPolicy) {
        String policy = removalPolicy.orElse(stage.equals("prod") ? "retain" : "destroy");
        return switch (policy) {
            case "retain" -> true;
            case "destroy" -> false;
            default -> throw new StageConfigException("removalPolicy must be retain or destroy but was '" + policy + "'");
        };
    }

    private static Optional<StageConfig.ImportedUserPool> importedUserPool(Map<String, Object> values) {
        Optional<String> poolId = optionalText(values, "userPoolId");
        Optional<String> clientId = optionalText(values, "userPoolClientId");
        Optional<String> domainUrl = optionalText(values, "cognitoDomainUrl");
        if (poolId.isEmpty() && clientId.isEmpty() && domainUrl.isEmpty()) {
            return Optional.empty();
        }
        if (poolId.isEmpty() || clientId.isEmpty() || domainUrl.isEmpty()) {
            throw new StageConfigException("an imported user pool needs all of userPoolId, userPoolClientId and cognitoDomainUrl");
        }
        return Optional.of(new StageConfig.ImportedUserPool(poolId.get(), clientId.get(), domainUrl.get()));
    }

    private static Map<String, String> modelAliases(String setting) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String pair : setting.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new StageConfigException("answerModels must look like alias=modelId,alias=modelId but had '" + pair.trim() + "'");
            }
            aliases.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return aliases;
    }

    private static String text(Map<String, Object> values, String key) {
        return optionalText(values, key).orElseThrow(() -> new StageConfigException(key + " must not be empty"));
    }

    private static Optional<String> optionalText(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    private static int number(Map<String, Object> values, String key) {
        Object value = values.get(key);
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            // The message names the key and the value, which says all the JDK's would.
            throw new StageConfigException(key + " must be a whole number but was '" + value + "'");
        }
    }

    private static int atLeast(int value, int minimum, String key) {
        if (value < minimum) {
            throw new StageConfigException(key + " must be at least " + minimum + " but was " + value);
        }
        return value;
    }

    private static boolean flag(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new StageConfigException(key + " must be true or false but was '" + value + "'");
    }

    private static List<String> list(Map<String, Object> values, String key) {
        Object value = values.get(key);
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> listed) {
            listed.forEach(item -> items.add(String.valueOf(item).trim()));
        } else if (value != null) {
            // Context given on the command line is a comma-separated string.
            Arrays.stream(value.toString().split(",")).map(String::trim).forEach(items::add);
        }
        items.removeIf(String::isEmpty);
        return List.copyOf(items);
    }
}
