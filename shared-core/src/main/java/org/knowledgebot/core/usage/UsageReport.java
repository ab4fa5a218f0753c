package org.knowledgebot.core.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.feedback.FeedbackReports;
import org.knowledgebot.core.usage.UsageHistory.DayTotals;
import org.knowledgebot.core.usage.UsageHistory.Tokens;
import org.knowledgebot.core.usage.UsageHistory.UserDay;

/**
 * {@code GET /admin/usage?since=}: per UTC day from {@code since} to today, the questions, the errors, the answer
 * models' input and output tokens and their estimated cost ({@link ModelPrices}), and the users who spent the
 * most tokens in the period, named by the hash the logs use. Every day of the period is listed, zeros included.
 */
public record UsageReport(UsageHistory history, ModelPrices prices, Clock clock) {
    public static final String ROUTE = "/admin/usage";
    /** Without {@code since}: today and the 29 days before it. */
    static final int DEFAULT_DAYS = 30;
    /** The longest period one report reads (the counts are kept a little longer). */
    public static final int MAX_DAYS = 90;
    static final int TOP_USERS = 10;

    public ApiResponse usage(ApiRequest request) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = FeedbackReports.since(request).map(since -> LocalDate.ofInstant(since, ZoneOffset.UTC))
                .orElse(today.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(today)) {
            throw ApiProblem.badRequest("since must not be after today (" + today + ", UTC).");
        }
        if (first.isBefore(today.minusDays(MAX_DAYS - 1))) {
            throw ApiProblem.badRequest("The usage report covers at most " + MAX_DAYS + " days: since must be "
                    + today.minusDays(MAX_DAYS - 1) + " or later.");
        }
        UsageHistory.Counted counted = history.read(first, today);
        return ApiResponse.json(200, json(first, today, counted).toString());
    }

    private ObjectNode json(LocalDate first, LocalDate last, UsageHistory.Counted counted) {
        Map<LocalDate, DayTotals> byDay = new HashMap<>();
        counted.days().forEach(day -> byDay.put(day.day(), day));
        TreeSet<String> unpriced = new TreeSet<>();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("since", first.toString()).put("until", last.toString()).put("currency", "USD");
        ArrayNode days = json.putArray("days");
        DayTotals total = new DayTotals(last, 0, 0, Map.of());
        double totalCost = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            DayTotals counts = byDay.getOrDefault(day, new DayTotals(day, 0, 0, Map.of()));
            double cost = cost(counts, unpriced);
            totalCost += cost;
            total = total.plus(counts);
            put(days.addObject().put("day", day.toString()), counts, cost);
        }
        put(json.putObject("totals"), total, totalCost);
        ArrayNode top = json.putArray("topUsers");
        topUsers(counted.userDays()).forEach(user -> top.addObject().put("userHash", user.userHash())
                .put("questions", user.questions()).put("tokens", user.tokens()));
        ArrayNode unpricedModels = json.putArray("unpricedModels");
        unpriced.forEach(unpricedModels::add);
        return json;
    }

    private double cost(DayTotals day, TreeSet<String> unpriced) {
        double cost = 0;
        for (Map.Entry<String, Tokens> model : day.tokensByModel().entrySet()) {
            var price = prices.of(model.getKey());
            if (price.isPresent()) {
                cost += price.get().cost(model.getValue());
            } else {
                unpriced.add(model.getKey());
            }
        }
        return cost;
    }

    private static void put(ObjectNode node, DayTotals counts, double cost) {
        Tokens tokens = counts.allTokens();
        node.put("questions", counts.questions()).put("errors", counts.errors())
                .put("inputTokens", tokens.input()).put("outputTokens", tokens.output())
                .put("costUsd", BigDecimal.valueOf(cost).setScale(4, RoundingMode.HALF_UP));
    }

    /** The users with the most tokens over the period (ties by more questions, then by hash), at most {@value #TOP_USERS}. */
    private static List<UserDay> topUsers(List<UserDay> userDays) {
        Map<String, UserDay> byUser = new HashMap<>();
        userDays.forEach(day -> byUser.merge(day.userHash(), day, UserDay::plus));
        return byUser.values().stream()
                .sorted(Comparator.comparingLong(UserDay::tokens).reversed()
                        .thenComparing(Comparator.comparingLong(UserDay::questions).reversed())
                        .thenComparing(UserDay::userHash))
                .limit(TOP_USERS)
                .toList();
    }
}
