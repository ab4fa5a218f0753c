package org.knowledgebot.local.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.FeedbackPage;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.feedback.Rating;

/**
 * Feedback in an embedded SQLite file ({@code <data>/feedback.db}), apart from the sessions so deleting a chat
 * keeps its ratings. The primary key {@code (user_id, session_id, message_id)} makes a second rating replace the
 * first; the list is a keyset page over {@code (rated_at, rowid)} newest first, and the cursor is that pair.
 */
public final class SqliteFeedbackStore implements FeedbackStore, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> TITLES = new TypeReference<>() {
    };

    private final Connection connection;

    public SqliteFeedbackStore(Path databaseFile) {
        connection = SqliteFiles.open(databaseFile, "feedback", """
                CREATE TABLE IF NOT EXISTS feedback (
                  user_id TEXT NOT NULL, session_id TEXT NOT NULL, message_id TEXT NOT NULL,
                  rating TEXT NOT NULL, category TEXT, comment TEXT NOT NULL, question TEXT NOT NULL,
                  answer TEXT NOT NULL, sources TEXT NOT NULL, rated_at TEXT NOT NULL,
                  PRIMARY KEY (user_id, session_id, message_id))""",
                "CREATE INDEX IF NOT EXISTS feedback_by_time ON feedback (rated_at DESC)");
    }

    @Override
    public synchronized void save(Feedback feedback) {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT OR REPLACE INTO feedback (user_id, session_id, message_id, rating, category, comment, question,
                  answer, sources, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, feedback.userId());
            insert.setString(2, feedback.sessionId());
            insert.setString(3, feedback.messageId());
            insert.setString(4, feedback.rating().wireName());
            insert.setString(5, feedback.category().map(FeedbackCategory::wireName).orElse(null));
            insert.setString(6, feedback.comment());
            insert.setString(7, feedback.question());
            insert.setString(8, feedback.answer());
            insert.setString(9, JSON.writeValueAsString(feedback.sourceTitles()));
            insert.setString(10, feedback.ratedAt().toString());
            insert.executeUpdate();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot save feedback: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized FeedbackPage list(FeedbackQuery query) {
        Optional<String[]> after = query.cursor().map(SqliteFeedbackStore::decode);
        StringBuilder sql = new StringBuilder("SELECT rowid, user_id, session_id, message_id, rating, category, comment,"
                + " question, answer, sources, rated_at FROM feedback WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        query.rating().ifPresent(rating -> {
            sql.append(" AND rating = ?");
            parameters.add(rating.wireName());
        });
        query.since().ifPresent(since -> {
            sql.append(" AND rated_at >= ?");
            parameters.add(since.toString());
        });
        after.ifPresent(cursor -> {
            sql.append(" AND (rated_at < ? OR (rated_at = ? AND rowid < ?))");
            parameters.addAll(List.of(cursor[0], cursor[0], cursor[1]));
        });
        sql.append(" ORDER BY rated_at DESC, rowid DESC LIMIT ").append(query.limit() + 1);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setString(i + 1, parameters.get(i));
            }
            List<Feedback> items = new ArrayList<>();
            String lastKey = null;
            boolean more = false;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    if (items.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    items.add(feedback(row));
                    lastKey = row.getString("rated_at") + "|" + row.getLong("rowid");
                }
            }
            return new FeedbackPage(items, more ? Optional.of(encode(lastKey)) : Optional.empty());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot list feedback: " + e.getMessage(), e);
        }
    }

    private static Feedback feedback(ResultSet row) throws SQLException, IOException {
        return new Feedback(row.getString("user_id"), row.getString("session_id"), row.getString("message_id"),
                Rating.fromWire(row.getString("rating")).orElse(Rating.DOWN),
                Optional.ofNullable(row.getString("category")).flatMap(FeedbackCategory::fromWire),
                row.getString("comment"), row.getString("question"), row.getString("answer"),
                JSON.readValue(row.getString("sources"), TITLES), Instant.parse(row.getString("rated_at")));
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 2) {
                Instant.parse(parts[0]);
                Long.parseLong(parts[1]);
                return parts;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of this list", e);
        }
        throw new IllegalArgumentException("not a cursor of this list");
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
