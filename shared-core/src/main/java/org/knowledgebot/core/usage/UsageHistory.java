package org.knowledgebot.core.usage;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The counted days that {@link UsageLedger} wrote, as the operators' usage report reads them. */
public interface UsageHistory {
    /** Every counted day from {@code first} to {@code last} (both included, UTC) and every user's day in it. */
    Counted read(LocalDate first, LocalDate last);

    /** The days and user days of a period, in no particular order; a day without questions has no entry. */
    record Counted(List<DayTotals> days, List<UserDay> userDays) {
        public Counted {
            days = List.copyOf(days);
            userDays = List.copyOf(userDays);
        }
    }

    /** One day's questions, errors and tokens by answer model id. */
    record DayTotals(LocalDate day, long questions, long errors, Map<String, Tokens> tokensByModel) {
        public DayTotals {
            tokensByModel = Map.copyOf(tokensByModel);
        }

        /** This day's counts with {@code other}'s added (the day stays this one's). */
        public DayTotals plus(DayTotals other) {
            Map<String, Tokens> tokens = new HashMap<>(tokensByModel);
            other.tokensByModel.forEach((model, count) -> tokens.merge(model, count, Tokens::plus));
            return new DayTotals(day, questions + other.questions, errors + other.errors, tokens);
        }

        /** Every model's tokens together. */
        public Tokens allTokens() {
            return tokensByModel.values().stream().reduce(new Tokens(0, 0), Tokens::plus);
        }
    }

    /** Input and output tokens, as the model counted them. */
    record Tokens(long input, long output) {
        public Tokens plus(Tokens other) {
            return new Tokens(input + other.input, output + other.output);
        }
    }

    /** One user's questions and tokens on one day. */
    record UserDay(LocalDate day, String userHash, long questions, long tokens) {
        /** This user's counts with {@code other}'s added. */
        public UserDay plus(UserDay other) {
            return new UserDay(day, userHash, questions + other.questions, tokens + other.tokens);
        }
    }
}
