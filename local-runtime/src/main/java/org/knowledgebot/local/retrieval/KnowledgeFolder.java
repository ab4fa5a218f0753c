package org.knowledgebot.local.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The documents of a folder: Markdown, text, HTML and PDF files (PDF text by Apache PDFBox), read with a title and a URI each (the {@code # Title}
 * heading of Markdown and text files, the {@code <title>} of HTML files, else the file name). The URI is
 * {@code <baseUrl>/<relative path>} when a base URL is configured (the local runtime serves the folder), else
 * the file's absolute {@code file://} URI.
 */
public final class KnowledgeFolder {
    private static final Pattern MARKDOWN_TITLE = Pattern.compile("(?m)^#\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HTML_DROPPED = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1>");
    private static final Pattern HTML_BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|li|tr|section|article)>|<br\\s*/?>");
    private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern HTML_TABLE = Pattern.compile("(?is)<table[^>]*>(.*?)</table>");
    private static final Pattern HTML_ROW = Pattern.compile("(?is)<tr[^>]*>(.*?)</tr>");
    private static final Pattern HTML_CELL = Pattern.compile("(?is)<(t[hd])[^>]*>(.*?)</\\1>");

    private final Path root;
    private final String baseUrl;
    /** Why each file of the last {@link #read()} could not be read, by relative path (the index status shows it). */
    private volatile Map<String, String> failures = Map.of();

    public KnowledgeFolder(Path root, String baseUrlOrNull) {
        this.root = root.toAbsolutePath().normalize();
        this.baseUrl = baseUrlOrNull == null || baseUrlOrNull.isBlank() ? null : stripTrailingSlash(baseUrlOrNull.trim());
    }

    /** The indexable files, in a stable order. An absent folder is an empty knowledge base, not an error. */
    List<Path> files() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !hidesAName(relative(file)))
                    .filter(KnowledgeFolder::isIndexable).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cheap fingerprint of the folder's content: changes when a file is added, removed or modified. */
    String fingerprint() {
        StringBuilder fingerprint = new StringBuilder();
        for (Path file : files()) {
            fingerprint.append(fingerprintOf(file));
        }
        return fingerprint.toString();
    }

    /** One file's line of the {@link #fingerprint()}. */
    String fingerprintOf(Path file) {
        try {
            return file + "|" + Files.getLastModifiedTime(file).toMillis() + "|" + Files.size(file) + "\n";
        } catch (IOException e) {
            // A file that cannot be read changes the fingerprint, so the next check indexes again.
            return file + "|unreadable\n";
        }
    }

    Path root() {
        return root;
    }

    Map<String, String> failures() {
        return failures;
    }

    List<KnowledgeDocument> read() {
        List<KnowledgeDocument> documents = new ArrayList<>();
        Map<String, String> failed = new HashMap<>();
        for (Path file : files()) {
            String content;
            try {
                content = isPdf(file.getFileName().toString()) ? PdfText.extract(file) : Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                failed.put(relative(file), PdfText.reason(e));
                continue;
            }
            documents.add(parse(file, content));
        }
        failures = Map.copyOf(failed);
        return documents;
    }

    KnowledgeDocument parse(Path file, String content) {
        String relative = relative(file);
        String fileName = file.getFileName().toString();
        String title;
        String text;
        if (isHtml(fileName)) {
            Matcher titleMatch = HTML_TITLE.matcher(content);
            title = titleMatch.find() ? decodeEntities(HTML_TAG.matcher(titleMatch.group(1)).replaceAll("")).trim() : "";
            String body = tablesAsRows(HTML_DROPPED.matcher(content).replaceAll(" "));
            body = HTML_BLOCK_END.matcher(body).replaceAll("\n\n");
            text = decodeEntities(HTML_TAG.matcher(body).replaceAll(" "));
        } else {
            title = headingTitle(fileName, content);
            text = content;
        }
        if (title.isEmpty()) {
            title = fileName;
        }
        return new KnowledgeDocument(relative, title, uriOf(file, relative), PassageSplitter.split(text));
    }

    /**
     * The {@code # Title} heading: the first one anywhere in a Markdown file; in a text file only on its first
     * line, since a later line starting with {@code #} is ordinary text there.
     */
    private static String headingTitle(String fileName, String content) {
        String searched = fileName.toLowerCase(Locale.ROOT).endsWith(".md") ? content : firstLine(content);
        Matcher heading = MARKDOWN_TITLE.matcher(searched);
        return heading.find() ? heading.group(1).trim() : "";
    }

    private static String firstLine(String content) {
        String text = content.stripLeading();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private String uriOf(Path file, String relative) {
        if (baseUrl == null) {
            return file.toUri().toString();
        }
        StringBuilder uri = new StringBuilder(baseUrl);
        for (String segment : relative.split("/")) {
            uri.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return uri.toString();
    }

    /** The file's path under the folder, '/'-separated on every system. */
    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Whether a file or folder name in {@code relative} (a path under the folder, '/'-separated) starts with '.': such
     * a file (a dot-file, or anything in a dot-folder such as {@code .git/}) is neither indexed nor listed.
     */
    public static boolean hidesAName(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }

    private static boolean isIndexable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".txt") || isHtml(name) || isPdf(name);
    }

    private static boolean isPdf(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".pdf");
    }

    private static boolean isHtml(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".html") || name.endsWith(".htm");
    }

    /**
     * HTML tables as the Markdown rows the passages keep ({@code | cell | cell |}, a {@code | --- |} line after a
     * row of {@code <th>} headers), so each row is read as one statement naming its columns instead of the header
     * row and the cells becoming loose words.
     */
    static String tablesAsRows(String html) {
        return HTML_TABLE.matcher(html).replaceAll(table -> {
            StringBuilder rows = new StringBuilder("\n\n");
            Matcher row = HTML_ROW.matcher(table.group(1));
            while (row.find()) {
                List<String> cells = new ArrayList<>();
                boolean header = true;
                Matcher cell = HTML_CELL.matcher(row.group(1));
                while (cell.find()) {
                    header &= cell.group(1).equalsIgnoreCase("th");
                    cells.add(HTML_TAG.matcher(cell.group(2)).replaceAll(" ").replace("|", "/").replaceAll("\\s+", " ").strip());
                }
                if (!cells.isEmpty()) {
                    rows.append("| ").append(String.join(" | ", cells)).append(" |\n");
                    if (header) {
                        rows.append("|").append(" --- |".repeat(cells.size())).append('\n');
                    }
                }
            }
            return Matcher.quoteReplacement(rows.append('\n').toString());
        });
    }

    private static String decodeEntities(String text) {
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
