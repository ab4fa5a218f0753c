package org.knowledgebot.local.retrieval;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text of a PDF document, in reading order, as Apache PDFBox extracts it. */
final class PdfText {
    private PdfText() {
    }

    static String extract(Path file) throws IOException {
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            String title = document.getDocumentInformation().getTitle();
            String text = new PDFTextStripper().getText(document);
            // The document's own title becomes the source title, as a Markdown file's # heading does.
            return title == null || title.isBlank() ? text : "# " + title.strip() + "\n\n" + text;
        }
    }

    /** What an operator is told when a file could not be read: the cause's class and message, no content. */
    static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "could not be read (" + e.getClass().getSimpleName() + message + ")";
    }
}
