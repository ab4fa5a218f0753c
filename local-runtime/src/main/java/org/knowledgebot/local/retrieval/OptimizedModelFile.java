package org.knowledgebot.local.retrieval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ONNX model's session, started from the graph ONNX Runtime optimized at an earlier start when there is one. The
 * first start inflates the model from its jar (23 MB for all-MiniLM-L6-v2) and optimizes its graph; both took about
 * as long as the rest of a warm start, so the optimized graph is saved in the data folder and later starts load it
 * as it is. It is optimized at the extended level, not the highest: that one may use instructions of this very CPU,
 * and a data folder can move to another machine. The file name carries the ONNX Runtime version and the model's
 * checksum in the jar, so a new version of either is optimized again; a file that does not load is replaced.
 */
final class OptimizedModelFile {
    private final String resource;
    private final Path directory;

    /**
     * @param resource the model's class-path resource, e.g. {@code all-minilm-l6-v2-q.onnx}
     * @param directory where the optimized graph is kept; null to keep nothing (every start optimizes again)
     */
    OptimizedModelFile(String resource, Path directory) {
        this.resource = resource;
        this.directory = directory;
    }

    OrtSession session(OrtEnvironment environment) throws OrtException {
        Path saved = directory == null ? null : directory.resolve(fileName(environment));
        if (saved != null && Files.isRegularFile(saved)) {
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
                return environment.createSession(saved.toString(), options);
            } catch (OrtException e) {
                CacheFiles.warn("the saved optimized model does not load, it is optimized again", saved, e);
            }
        }
        byte[] model = modelBytes();
        Path temporary = saved == null ? null : CacheFiles.temporaryBeside(saved);
        if (temporary != null) {
            try {
                OrtSession session = optimized(environment, model, temporary);
                CacheFiles.replace(temporary, saved);
                return session;
            } catch (OrtException e) {
                CacheFiles.warn("could not save the optimized model, the next start optimizes it again", saved, e);
                CacheFiles.deleteQuietly(temporary);
            }
        }
        return optimized(environment, model, null);
    }

    /** A session of the model optimized at the extended level, written to {@code savedAs} unless it is null. */
    private static OrtSession optimized(OrtEnvironment environment, byte[] model, Path savedAs) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            if (savedAs != null) {
                options.setOptimizedModelFilePath(savedAs.toString());
            }
            return environment.createSession(model, options);
        }
    }

    private String fileName(OrtEnvironment environment) {
        String base = resource.endsWith(".onnx") ? resource.substring(0, resource.length() - 5) : resource;
        return base + "-ort" + environment.getVersion() + "-" + Long.toHexString(checksum()) + ".onnx";
    }

    /** The model's CRC-32 as its jar lists it (no need to read the model), or its size outside a jar. */
    private long checksum() {
        try {
            URLConnection connection = url().openConnection();
            return connection instanceof JarURLConnection jar ? jar.getJarEntry().getCrc() : connection.getContentLengthLong();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource + " from the class path", e);
        }
    }

    private byte[] modelBytes() {
        try (InputStream in = url().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource + " from the class path", e);
        }
    }

    private URL url() {
        URL url = OptimizedModelFile.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the class path: build the local runtime with Maven");
        }
        return url;
    }
}
