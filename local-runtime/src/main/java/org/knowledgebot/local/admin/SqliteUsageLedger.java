package org.knowledgebot.local.admin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.usage.QuestionUsage;
import org.knowledgebot.core.usage.UsageHistory;
import org.knowledgebot.core.usage.UsageLedger;

/**
 * The usage counts in an embedded SQLite file ({@code <data>/usage.db}), both sides: the chat route adds with
 * upserts ({@code ON CONFLICT DO UPDATE SET n = n + excluded.n}) in one transaction, the usage report reads a
 * period. Three tables mirror DynamoDB's items: a day's questions and errors, its tokens per model, a user's day.
 */
public final class SqliteUsageLedger implements UsageLedger, UsageHistory, AutoCloseable {
    private final Connection connection;

    public SqliteUsageLedger(Path databaseFile) {
        connection = SqliteFiles.open(databaseFile, "usage",
                "CREATE TABLE IF NOT EXISTS usage_day (day TEXT PRIMARY KEY, questions INTEGER NOT NULL,"
                        + " errors INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS usage_model_day (day TEXT NOT NULL, model TEXT NOT NULL,"
                        + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, PRIMARY KEY (day, model))",
                "CREATE TABLE IF NOT EXISTS usage_user_day (day TEXT NOT NULL, user_hash TEXT NOT NULL,"
                        + " questions INTEGER NOT NULL, tokens INTEGER NOT NULL, PRIMARY KEY (day, user_hash))");
    }

    @Override
    public synchronized void add(QuestionUsage usage) {
        String day = usage.day().toString();
        try {
            connection.setAutoCommit(false);
            upsert("INSERT INTO usage_day VALUES (?, 1, ?) ON CONFLICT (day) DO UPDATE SET"
                    + " questions = questions + 1, errors = errors + excluded.errors", day, usage.error() ? 1 : 0);
            if (usage.modelId() != null) {
                upsert("INSERT INTO usage_model_day VALUES (?, ?, ?, ?) ON CONFLICT (day, model) DO UPDATE SET"
                        + " input_tokens = input_tokens + excluded.input_tokens,"
                        + " output_tokens = output_tokens + excluded.output_tokens",
                        day, usage.modelId(), usage.inputTokens(), usage.outputTokens());
            }
            upsert("INSERT INTO usage_user_day VALUES (?, ?, 1, ?) ON CONFLICT (day, user_hash) DO UPDATE SET"
                    + " questions = questions + 1, tokens = tokens + excluded.tokens", day, usage.userHash(), usage.tokens());
            connection.commit();
        } catch (SQLException e) {
            rollBack(e);
            throw new IllegalStateException("cannot count usage: " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized Counted read(LocalDate first, LocalDate last) {
        try {
            Map<String, Map<String, Tokens>> tokens = new HashMap<>();
            select("SELECT day, model, input_tokens, output_tokens FROM usage_model_day WHERE day BETWEEN ? AND ?", first, last,
                    row -> tokens.computeIfAbsent(row.getString(1), day -> new HashMap<>())
                            .put(row.getString(2), new Tokens(row.getLong(3), row.getLong(4))));
            List<DayTotals> days = new ArrayList<>();
            select("SELECT day, questions, errors FROM usage_day WHERE day BETWEEN ? AND ?", first, last,
                    row -> days.add(new DayTotals(LocalDate.parse(row.getString(1)), row.getLong(2), row.getLong(3),
                            tokens.getOrDefault(row.getString(1), Map.of()))));
            List<UserDay> users = new ArrayList<>();
            select("SELECT day, user_hash, questions, tokens FROM usage_user_day WHERE day BETWEEN ? AND ?", first, last,
                    row -> users.add(new UserDay(LocalDate.parse(row.getString(1)), row.getString(2), row.getLong(3),
                            row.getLong(4))));
            return new Counted(days, users);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read usage: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    private void upsert(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private void select(String sql, LocalDate first, LocalDate last, Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, first.toString());
            statement.setString(2, last.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.accept(rows);
                }
            }
        }
    }

    private void rollBack(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The next add sets it again; the connection is not usable for anything else meanwhile.
        }
    }

    private interface Row {
        void accept(ResultSet row) throws SQLException;
    }
}
