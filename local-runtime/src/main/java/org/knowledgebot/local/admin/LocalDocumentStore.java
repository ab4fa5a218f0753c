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
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.documents.DocumentPath;
import org.knowledgebot.core.documents.DocumentStore;
import org.knowledgebot.core.documents.StoredDocument;
import org.knowledgebot.core.documents.UploadTicket;
import org.knowledgebot.local.retrieval.KnowledgeFolder;

/**
 * The knowledge folder as the operators' document store. An upload is a PUT of the file to the runtime's
 * {@value #UPLOAD_PREFIX}{@code <token>} with a single-use signed token; the file is written whole (a temporary
 * file, then a move), and the Lucene index picks it up like any edited file.
 */
public final class LocalDocumentStore implements DocumentStore {
    public static final String UPLOAD_PREFIX = "/uploads/";
    /** The longest file or folder name the common file systems hold (ext4, APFS, NTFS). */
    private static final int MAX_NAME_CHARS = 255;

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
        return !KnowledgeFolder.hidesAName(relative) && dot > 0
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
        requireStorable(path);
        UploadTokens.Upload upload = new UploadTokens.Upload(path.value(), contentType, size, clock.instant().plus(validity));
        return new UploadTicket(UPLOAD_PREFIX + tokens.issue(upload), Map.of("Content-Type", contentType), upload.expiresAt());
    }

    /**
     * Refuses, before a link is issued, a path this folder would hide or cannot hold: the upload would otherwise be
     * written and never listed (a name starting with '.'), or fail only when the file arrives, after its link was
     * used up (a name too long for the file system, a file where a folder is needed, a folder where the file goes).
     */
    private void requireStorable(DocumentPath path) {
        if (KnowledgeFolder.hidesAName(path.value())) {
            throw ApiProblem.badRequest("A file or folder name must not start with '.': the knowledge folder skips"
                    + " such names, so the document would never be listed.");
        }
        for (String name : path.value().split("/")) {
            if (name.length() > MAX_NAME_CHARS) {
                throw ApiProblem.badRequest("Each file or folder name in path may have at most " + MAX_NAME_CHARS + " characters.");
            }
        }
        Path target = root.resolve(path.value());
        for (Path folder = target.getParent(); !folder.equals(root); folder = folder.getParent()) {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new ApiProblem(409, root.relativize(folder) + " is a document, not a folder; choose another path.");
            }
        }
        if (Files.isDirectory(target)) {
            throw new ApiProblem(409, path.value() + " is a folder; choose another path.");
        }
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
