package org.knowledgebot.local.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.knowledgebot.core.documents.DocumentPath;
import org.knowledgebot.core.documents.DocumentStore;
import org.knowledgebot.core.documents.StoredDocument;
import org.knowledgebot.core.documents.UploadTicket;

/**
 * The knowledge folder as the operators' document store. An upload is a PUT of the file to the runtime's
 * {@value #UPLOAD_PREFIX}{@code <token>} with a single-use signed token; the file is written whole (a temporary
 * file, then a move), and the Lucene index picks it up like any edited file.
 */
public final class LocalDocumentStore implements DocumentStore {
    public static final String UPLOAD_PREFIX = "/uploads/";

    private final Path root;
    private final UploadTokens tokens;
    private final Clock clock;
    private final Runnable reindex;

    /** {@code reindex} runs after a delete, so a deleted document is never cited again (uploads wait for the next check). */
    public LocalDocumentStore(Path root, UploadTokens tokens, Clock clock, Runnable reindex) {
        this.root = root.toAbsolutePath().normalize();
        this.tokens = tokens;
        this.clock = clock;
        this.reindex = reindex;
    }

    @Override
    public List<StoredDocument> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(LocalDocumentStore::isDocument)
                    .sorted()
                    .map(this::stored)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isDocument(String relative) {
        int dot = relative.lastIndexOf('.');
        return !relative.startsWith(".") && !relative.contains("/.") && dot > 0
                && DocumentPath.CONTENT_TYPES.containsKey(relative.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    private StoredDocument stored(String relative) {
        Path file = root.resolve(relative);
        try {
            return new StoredDocument(relative, Files.size(file), Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public UploadTicket prepareUpload(DocumentPath path, String contentType, long size, Duration validity) {
        UploadTokens.Upload upload = new UploadTokens.Upload(path.value(), contentType, size, clock.instant().plus(validity));
        return new UploadTicket(UPLOAD_PREFIX + tokens.issue(upload), Map.of("Content-Type", contentType), upload.expiresAt());
    }

    /** Writes an upload a token allowed: exactly {@code upload.size()} bytes, into place at once. */
    public void write(UploadTokens.Upload upload, InputStream body) throws IOException {
        Path target = root.resolve(DocumentPath.parse(upload.path()).value()).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("upload path outside the knowledge folder");
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            long written = Files.copy(body, temporary, StandardCopyOption.REPLACE_EXISTING);
            if (written != upload.size()) {
                throw new IOException("expected " + upload.size() + " bytes, got " + written);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public boolean delete(DocumentPath path) {
        try {
            boolean deleted = Files.deleteIfExists(root.resolve(path.value()));
            if (deleted) {
                reindex.run();
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public UploadTokens tokens() {
        return tokens;
    }
}
