package org.knowledgebot.local.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The console's own SQLite files in the data folder, opened the one way they all are. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    /**
     * Opens (creating it and its folder when missing) the database {@code file} in WAL mode, so reads never wait for
     * the writer, and runs {@code schema} (idempotent statements such as {@code CREATE TABLE IF NOT EXISTS}).
     *
     * @param what what the file holds, for the message when it cannot be opened
     */
    static Connection open(Path file, String what, String... schema) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                for (String sql : schema) {
                    statement.execute(sql);
                }
            }
            return connection;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the " + what + " database " + file + ": " + e.getMessage(), e);
        }
    }
}
