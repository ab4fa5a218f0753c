package org.knowledgebot.local.session;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.core.gaps.AskedQuestion;
import org.knowledgebot.core.gaps.UnsourcedAnswers;

/**
 * The unsourced answers' questions from the turns {@link SqliteSessionStore} keeps in {@code sessions.db}: turns of
 * the chat route (a message id), complete, with no source. Read on its own connection, only when an operator asks.
 */
public final class SqliteUnsourcedAnswers implements UnsourcedAnswers {
    /** A turn's {@code sources} column when it has none. */
    private static final String NO_SOURCES = "[]";

    private final Path databaseFile;

    public SqliteUnsourcedAnswers(Path databaseFile) {
        this.databaseFile = databaseFile;
    }

    @Override
    public List<AskedQuestion> since(Instant since, int max) {
        List<AskedQuestion> questions = new ArrayList<>();
        // created_at is Instant.toString(), whose length varies with the fraction: compared as instants here.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
             PreparedStatement query = connection.prepareStatement("SELECT user_text, created_at FROM turns "
                     + "WHERE message_id <> '' AND sources = ? AND status = 'COMPLETE' ORDER BY created_at DESC")) {
            query.setString(1, NO_SOURCES);
            try (ResultSet row = query.executeQuery()) {
                while (row.next() && questions.size() < max) {
                    Instant askedAt = Instant.parse(row.getString(2));
                    if (!askedAt.isBefore(since)) {
                        questions.add(new AskedQuestion(row.getString(1), askedAt));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the session database cannot be read for the gaps report: " + e.getMessage(), e);
        }
        questions.sort((a, b) -> b.askedAt().compareTo(a.askedAt()));
        return questions;
    }
}
