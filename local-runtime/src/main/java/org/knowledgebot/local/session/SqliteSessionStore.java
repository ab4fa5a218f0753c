package org.knowledgebot.local.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.SessionStore;

/**
 * Sessions in an embedded SQLite file ({@code <data>/sessions.db}), so conversations survive a restart. One
 * connection serves every call under a lock: SQLite allows one writer at a time anyway, and the lock makes
 * "read the turn count, insert the next turn" atomic, so concurrent appends never lose a turn.
 */
public final class SqliteSessionStore implements SessionStore, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<StoredSource>> SOURCES = new TypeReference<>() {
    };

    private final Connection connection;
    private final Clock clock;

    private record StoredSource(String title, String uri, String excerpt, String confidence) {
    }

    public SqliteSessionStore(Path databaseFile, Clock clock) {
        this.clock = clock;
        try {
            Files.createDirectories(databaseFile.toAbsolutePath().getParent());
            connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA foreign_keys=ON");
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS sessions (
                          user_id TEXT NOT NULL, session_id TEXT NOT NULL, title TEXT NOT NULL,
                          created_at TEXT NOT NULL, updated_at TEXT NOT NULL, updated_order INTEGER NOT NULL,
                          turn_count INTEGER NOT NULL, PRIMARY KEY (user_id, session_id))""");
                statement.execute("CREATE INDEX IF NOT EXISTS recent_sessions ON sessions (user_id, updated_order DESC)");
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS turns (
                          user_id TEXT NOT NULL, session_id TEXT NOT NULL, seq INTEGER NOT NULL,
                          user_text TEXT NOT NULL, chatbot_text TEXT NOT NULL, sources TEXT NOT NULL,
                          status TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (user_id, session_id, seq),
                          FOREIGN KEY (user_id, session_id) REFERENCES sessions (user_id, session_id) ON DELETE CASCADE)""");
                addMessageIdColumn(statement);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the session database " + databaseFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Session> find(String userId, String sessionId) {
        return findWithTurns(userId, sessionId, Integer.MAX_VALUE);
    }

    /** Reads the header and, through the primary key in reverse, only the last {@code maxTurns} turns. */
    @Override
    public synchronized Optional<Session> findRecent(String userId, String sessionId, int maxTurns) {
        return findWithTurns(userId, sessionId, maxTurns);
    }

    private Optional<Session> findWithTurns(String userId, String sessionId, int maxTurns) {
        try (PreparedStatement header = connection.prepareStatement(
                "SELECT title, created_at, updated_at FROM sessions WHERE user_id = ? AND session_id = ?")) {
            header.setString(1, userId);
            header.setString(2, sessionId);
            try (ResultSet row = header.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(userId, sessionId, row.getString(1), Instant.parse(row.getString(2)),
                        Instant.parse(row.getString(3)), lastTurns(userId, sessionId, maxTurns)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Session create(String userId, String sessionId, String title) {
        Optional<Session> existing = find(userId, sessionId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        insertHeader(userId, sessionId, title, now);
        return new Session(userId, sessionId, title, now, now, List.of());
    }

    @Override
    public synchronized void append(String userId, String sessionId, Turn turn, String titleIfNew) {
        try {
            connection.setAutoCommit(false);
            try {
                int turnCount = turnCount(userId, sessionId);
                if (turnCount < 0) {
                    insertHeader(userId, sessionId, titleIfNew, turn.createdAt());
                    turnCount = 0;
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO turns (user_id, session_id, seq, user_text, chatbot_text, sources, status, created_at, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, userId);
                    insert.setString(2, sessionId);
                    insert.setInt(3, turnCount + 1);
                    insert.setString(4, turn.user());
                    insert.setString(5, turn.chatbot());
                    insert.setString(6, JSON.writeValueAsString(turn.sources().stream()
                            .map(s -> new StoredSource(s.title(), s.uri(), s.excerpt(), s.confidence().name())).toList()));
                    insert.setString(7, turn.status().name());
                    insert.setString(8, turn.createdAt().toString());
                    insert.setString(9, turn.messageId());
                    insert.executeUpdate();
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE sessions SET turn_count = ?, updated_at = ?, updated_order = ? WHERE user_id = ? AND session_id = ?")) {
                    Instant updatedAt = turn.createdAt();
                    update.setInt(1, turnCount + 1);
                    update.setString(2, updatedAt.toString());
                    update.setLong(3, nextOrder(userId, updatedAt));
                    update.setString(4, userId);
                    update.setString(5, sessionId);
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<SessionSummary> listRecent(String userId, int limit) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT session_id, title, created_at, updated_at FROM sessions WHERE user_id = ? ORDER BY updated_order DESC LIMIT ?")) {
            query.setString(1, userId);
            query.setInt(2, limit);
            List<SessionSummary> sessions = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    sessions.add(new SessionSummary(row.getString(1), row.getString(2),
                            Instant.parse(row.getString(3)), Instant.parse(row.getString(4))));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized boolean rename(String userId, String sessionId, String title) {
        return update("UPDATE sessions SET title = ? WHERE user_id = ? AND session_id = ?", title, userId, sessionId) > 0;
    }

    @Override
    public synchronized boolean delete(String userId, String sessionId) {
        return update("DELETE FROM sessions WHERE user_id = ? AND session_id = ?", userId, sessionId) > 0;
    }

    @Override
    public synchronized int deleteAll(String userId) {
        return update("DELETE FROM sessions WHERE user_id = ?", userId);
    }

    /** One UPDATE or DELETE with string parameters; how many rows it changed. */
    private int update(String sql, String... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void insertHeader(String userId, String sessionId, String title, Instant at) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sessions (user_id, session_id, title, created_at, updated_at, updated_order, turn_count) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, userId);
            insert.setString(2, sessionId);
            insert.setString(3, title == null ? "" : title);
            insert.setString(4, at.toString());
            insert.setString(5, at.toString());
            insert.setLong(6, nextOrder(userId, at));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Sort key of "most recently updated": the time in microseconds, bumped past the user's current maximum so
     * that two updates within the same instant still list in the order they happened.
     */
    private long nextOrder(String userId, Instant at) throws SQLException {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(updated_order) FROM sessions WHERE user_id = ?")) {
            query.setString(1, userId);
            try (ResultSet row = query.executeQuery()) {
                long latest = row.next() ? row.getLong(1) : 0;
                return Math.max(micros, latest + 1);
            }
        }
    }

    /** A database from before turns kept their message id gets the column; its old turns have none (''). */
    private static void addMessageIdColumn(Statement statement) throws SQLException {
        try (ResultSet columns = statement.executeQuery("SELECT 1 FROM pragma_table_info('turns') WHERE name = 'message_id'")) {
            if (columns.next()) {
                return;
            }
        }
        statement.execute("ALTER TABLE turns ADD COLUMN message_id TEXT NOT NULL DEFAULT ''");
    }

    /** The session's turn count, or -1 when it does not exist. */
    private int turnCount(String userId, String sessionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT turn_count FROM sessions WHERE user_id = ? AND session_id = ?")) {
            query.setString(1, userId);
            query.setString(2, sessionId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : -1;
            }
        }
    }

    private List<Turn> lastTurns(String userId, String sessionId, int maxTurns) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT user_text, chatbot_text, sources, status, "
                + "created_at, message_id FROM (SELECT * FROM turns WHERE user_id = ? AND session_id = ? ORDER BY seq DESC LIMIT ?) "
                + "ORDER BY seq")) {
            query.setString(1, userId);
            query.setString(2, sessionId);
            query.setInt(3, maxTurns);
            List<Turn> turns = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    turns.add(new Turn(row.getString(1), row.getString(2), sources(row.getString(3)),
                            TurnStatus.valueOf(row.getString(4)), Instant.parse(row.getString(5)), row.getString(6)));
                }
            }
            return turns;
        }
    }

    private static List<Source> sources(String json) {
        try {
            return JSON.readValue(json, SOURCES).stream()
                    .map(s -> new Source(s.title(), s.uri(), s.excerpt(), Confidence.parse(s.confidence()).orElse(Confidence.NOT_AVAILABLE)))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("a stored turn has unreadable sources", e);
        }
    }

    private static IllegalStateException failure(Exception e) {
        return new IllegalStateException("the session database failed: " + e.getMessage(), e);
    }
}
