package org.knowledgebot.core.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;

/**
 * What the answer models cost, in US dollars per 1,000 input and output tokens, for the usage report's estimates.
 * The defaults are the on-demand list prices Amazon Bedrock publishes (aws.amazon.com/bedrock/pricing, us-east-1)
 * of the models the stage configurations name: estimates, since a bill also counts what this report does not (the
 * rewrite model, retrieval, storage); a stage adds or overrides models with {@value #VARIABLE}, a JSON map
 * {@code {"modelId":{"input":0.003,"output":0.015}}}. An inference profile id ({@code us.}, {@code eu.},
 * {@code apac.}, {@code global.}) without its own entry is priced as its model.
 */
public record ModelPrices(Map<String, Price> byModel) {
    public static final String VARIABLE = "MODEL_PRICES";
    private static final Set<String> GEOGRAPHIES = Set.of("us", "eu", "apac", "global");
    private static final Map<String, Price> DEFAULTS = Map.of(
            "anthropic.claude-3-5-sonnet-20240620-v1:0", new Price(0.003, 0.015),
            "anthropic.claude-3-7-sonnet-20250219-v1:0", new Price(0.003, 0.015),
            "anthropic.claude-sonnet-4-20250514-v1:0", new Price(0.003, 0.015),
            "anthropic.claude-3-haiku-20240307-v1:0", new Price(0.00025, 0.00125),
            "mistral.mistral-7b-instruct-v0:2", new Price(0.00015, 0.0002));

    public ModelPrices {
        byModel = Map.copyOf(byModel);
    }

    /** USD per 1,000 tokens. */
    public record Price(double inputPer1000, double outputPer1000) {
        public double cost(UsageHistory.Tokens tokens) {
            return tokens.input() * inputPer1000 / 1_000 + tokens.output() * outputPer1000 / 1_000;
        }
    }

    public static ModelPrices defaults() {
        return new ModelPrices(DEFAULTS);
    }

    /** The defaults with the stage's {@value #VARIABLE} over them; a malformed value fails at init, naming it. */
    public static ModelPrices from(Environment environment) {
        Map<String, Price> prices = new LinkedHashMap<>(DEFAULTS);
        Optional<String> setting = environment.optional(VARIABLE);
        if (setting.isPresent()) {
            prices.putAll(parse(setting.get()));
        }
        return new ModelPrices(prices);
    }

    /** The price of {@code modelId}; empty when neither it nor its model (for a profile id) has one. */
    public Optional<Price> of(String modelId) {
        Price price = byModel.get(modelId);
        int dot = modelId.indexOf('.');
        if (price == null && dot > 0 && GEOGRAPHIES.contains(modelId.substring(0, dot))) {
            price = byModel.get(modelId.substring(dot + 1));
        }
        return Optional.ofNullable(price);
    }

    private static Map<String, Price> parse(String json) {
        Map<String, Price> prices = new LinkedHashMap<>();
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (root == null || !root.isObject()) {
                throw invalid();
            }
            root.fields().forEachRemaining(entry -> prices.put(entry.getKey(), new Price(
                    dollars(entry.getValue().get("input")), dollars(entry.getValue().get("output")))));
        } catch (JsonProcessingException e) {
            // The message shows the expected shape; the parser's would only point into the value.
            throw invalid();
        }
        return prices;
    }

    private static double dollars(JsonNode value) {
        if (value == null || !value.isNumber() || value.asDouble() < 0) {
            throw invalid();
        }
        return value.asDouble();
    }

    private static ConfigurationException invalid() {
        return new ConfigurationException("invalid value for environment variable " + VARIABLE
                + ": expected a JSON map of model id to USD per 1,000 tokens, e.g. "
                + "{\"anthropic.claude-3-5-sonnet-20240620-v1:0\":{\"input\":0.003,\"output\":0.015}}");
    }
}
