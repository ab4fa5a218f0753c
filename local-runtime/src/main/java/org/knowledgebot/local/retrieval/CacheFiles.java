package org.knowledgebot.local.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The data folder's cache files (vectors, the optimized model): written beside their place and moved there whole,
 * so a start that dies meanwhile never leaves half a file; losing one only costs computing it again, so a failure
 * is a warning line with its cause, never a failed start.
 */
final class CacheFiles {
    private CacheFiles() {
    }

    /** A new empty file in {@code file}'s folder (created if needed), or null (warned) when none can be made. */
    static Path temporaryBeside(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        } catch (IOException e) {
            warn("could not write a cache file, it is computed again at the next start", file, e);
            return null;
        }
    }

    /** Moves a finished temporary file to its place, replacing what was there; warns when it cannot. */
    static void replace(Path temporary, Path file) {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            warn("could not write a cache file, it is computed again at the next start", file, e);
            deleteQuietly(temporary);
        }
    }

    static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // A stray temporary file in the data folder harms nothing; the warning above already names the folder.
        }
    }

    static void warn(String what, Path file, Exception e) {
        System.err.println("{\"level\":\"WARN\",\"message\":\"" + what + "\",\"file\":\""
                + file.toString().replace("\\", "/").replace("\"", "'") + "\",\"error\":\"" + e.getClass().getName() + "\"}");
    }
}
