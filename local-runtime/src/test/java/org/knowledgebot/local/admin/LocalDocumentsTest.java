package org.knowledgebot.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.TempFolders;
import org.knowledgebot.local.TestKnowledge;
import org.knowledgebot.local.gateway.WsClient;

/** The operators' documents locally: list with status, upload through a single-use link, re-index, delete. */
class LocalDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPOST = "# Composting Workshops\n\nRiverton composting workshops are held at 14 Willow Lane"
            + " every Thursday evening; bring a bucket of kitchen scraps.\n";
    private static Path knowledge;
    private static RunningChatbot chatbot;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        knowledge = TestKnowledge.copyTo(Files.createTempDirectory("knowledge-docs"));
        chatbot = RunningChatbot.start(Files.createTempDirectory("data-docs"), Map.of("LOCAL_KNOWLEDGE", knowledge.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        chatbot.close();
    }

    @Test
    void anUploadedDocumentIsPendingThenIndexedAndCitedAndOnceDeletedNoLongerCited() throws Exception {
        byte[] body = COMPOST.getBytes(StandardCharsets.UTF_8);
        JsonNode ticket = JSON.readTree(chatbot.post("/admin/documents/uploads",
                "{\"path\":\"guides/composting.md\",\"contentType\":\"text/markdown\",\"size\":" + body.length + "}", null).body());

        HttpResponse<String> uploaded = put(ticket.path("uploadUrl").asText(), "text/markdown", body);
        HttpResponse<String> replayed = put(ticket.path("uploadUrl").asText(), "text/markdown", body);
        String pending = status("guides/composting.md");
        HttpResponse<String> sync = chatbot.post("/admin/ingestion", "{}", null);
        String indexed = status("guides/composting.md");
        String cited = ask("Where are the composting workshops held?");

        assertThat(uploaded.statusCode()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(Files.readString(knowledge.resolve("guides/composting.md"))).isEqualTo(COMPOST);
        assertThat(pending).isEqualTo("pending");
        assertThat(sync.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(sync.body()).path("job").path("status").asText()).isEqualTo("COMPLETE");
        assertThat(indexed).isEqualTo("indexed");
        assertThat(cited).contains("Composting Workshops");

        assertThat(delete("guides/composting.md").statusCode()).isEqualTo(200);
        assertThat(ask("Where are the composting workshops held?")).doesNotContain("Composting Workshops");
        assertThat(Files.exists(knowledge.resolve("guides/composting.md"))).isFalse();
    }

    @Test
    void anUploadWithAnotherTypeOrLengthThanTheLinkWasIssuedForIsRefusedAndNothingIsWritten() throws Exception {
        JsonNode first = JSON.readTree(chatbot.post("/admin/documents/uploads",
                "{\"path\":\"other.md\",\"contentType\":\"text/markdown\",\"size\":5}", null).body());
        JsonNode second = JSON.readTree(chatbot.post("/admin/documents/uploads",
                "{\"path\":\"other.md\",\"contentType\":\"text/markdown\",\"size\":5}", null).body());

        assertThat(put(first.path("uploadUrl").asText(), "text/html", "hello".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(put(second.path("uploadUrl").asText(), "text/markdown", "hello, world".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(413);
        assertThat(put("/uploads/forged.token", "text/markdown", "hello".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(Files.exists(knowledge.resolve("other.md"))).isFalse();
    }

    @Test
    void aPutRefusedForItsTypeOrLengthLeavesTheLinkUsableForTheFileItWasIssuedFor() throws Exception {
        // given
        String uploadUrl = JSON.readTree(chatbot.post("/admin/documents/uploads",
                "{\"path\":\"retried.md\",\"contentType\":\"text/markdown\",\"size\":5}", null).body())
                .path("uploadUrl").asText();

        // when: the wrong type, then too many bytes, then the file the link was issued for, then that again
        int wrongType = put(uploadUrl, "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).statusCode();
        int tooLong = put(uploadUrl, "text/markdown", "hello, world".getBytes(StandardCharsets.UTF_8)).statusCode();
        HttpResponse<String> uploaded = put(uploadUrl, "text/markdown", "hello".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> replayed = put(uploadUrl, "text/markdown", "howdy".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(List.of(wrongType, tooLong)).containsExactly(400, 413);
        assertThat(uploaded.statusCode()).isEqualTo(200);
        assertThat(uploaded.body()).isEqualTo("{\"uploaded\":\"retried.md\"}");
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(Files.readString(knowledge.resolve("retried.md"))).isEqualTo("hello");
    }

    @Test
    void noUploadLinkIsIssuedForAPathTheFolderWouldHideOrCannotHold() throws Exception {
        // given: an empty folder named like a document
        Files.createDirectories(knowledge.resolve("archive.md"));
        Map<String, Integer> refusals = new java.util.LinkedHashMap<>();

        // when: names the folder skips, a name longer than a file system allows, a file or folder in the way
        for (String path : List.of(".hidden.md", ".git/notes.md", "drafts/.notes.md", "a".repeat(256) + ".md",
                "parking-permits.md/fees.md", "archive.md")) {
            refusals.put(path, chatbot.post("/admin/documents/uploads",
                    "{\"path\":\"" + path + "\",\"contentType\":\"text/markdown\",\"size\":5}", null).statusCode());
        }

        // then
        assertThat(refusals).containsExactly(Map.entry(".hidden.md", 400), Map.entry(".git/notes.md", 400),
                Map.entry("drafts/.notes.md", 400), Map.entry("a".repeat(256) + ".md", 400),
                Map.entry("parking-permits.md/fees.md", 409), Map.entry("archive.md", 409));
        assertThat(knowledge.resolve(".git")).doesNotExist();
        assertThat(knowledge.resolve("drafts")).doesNotExist();
    }

    @Test
    void anUploadThatFailsToBeWrittenLogsItsCauseButNeverItsUploadTokenAndLeavesTheLinkUsable() throws Exception {
        // given: a link, then a folder created where the file would go
        JsonNode ticket = JSON.readTree(chatbot.post("/admin/documents/uploads",
                "{\"path\":\"raced.md\",\"contentType\":\"text/markdown\",\"size\":5}", null).body());
        String uploadUrl = ticket.path("uploadUrl").asText();
        Files.createDirectories(knowledge.resolve("raced.md/inside"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        java.io.PrintStream standardError = System.err;

        // when
        HttpResponse<String> uploaded;
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            uploaded = put(uploadUrl, "text/markdown", "hello".getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setErr(standardError);
        }

        // then
        String token = uploadUrl.substring("/uploads/".length());
        assertThat(uploaded.statusCode()).isEqualTo(500);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"route\":\"/uploads/<token>\"", "\"cause\":\"")
                .doesNotContain(token);

        // and: once the folder is out of the way, the same link uploads the file
        Files.delete(knowledge.resolve("raced.md/inside"));
        Files.delete(knowledge.resolve("raced.md"));
        assertThat(put(uploadUrl, "text/markdown", "hello".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(Files.readString(knowledge.resolve("raced.md"))).isEqualTo("hello");
    }

    @Test
    void aPdfIsIndexedWithPdfBoxAndAnUnreadableOneFailsWithItsReason() throws Exception {
        Files.write(knowledge.resolve("recycling-rules.pdf"), pdf("Glass jars go in the green recycling bin on Fridays."));
        Files.writeString(knowledge.resolve("broken.pdf"), "this is not a PDF");

        chatbot.post("/admin/ingestion", "{}", null);
        JsonNode documents = JSON.readTree(chatbot.get("/admin/documents").body()).path("documents");

        assertThat(statusOf(documents, "recycling-rules.pdf").path("status").asText()).isEqualTo("indexed");
        assertThat(statusOf(documents, "broken.pdf").path("status").asText()).isEqualTo("failed");
        assertThat(statusOf(documents, "broken.pdf").path("reason").asText()).contains("could not be read");
        assertThat(ask("Which bin do glass jars go in?")).contains("recycling-rules.pdf");
        Files.delete(knowledge.resolve("broken.pdf"));
    }

    @Test
    void aFilePlacedByHandInADotFolderOrNamedWithADotIsNeitherListedNorCitedNorServed() throws Exception {
        // given: files copied into the folder by hand, two with a name the listing hides, one it shows
        Files.createDirectories(knowledge.resolve(".hidden"));
        Files.writeString(knowledge.resolve(".hidden/zebra.md"), "# Zebra Crossing Vault\n\nThe zebra crossing vault"
                + " password is quokka-42; the vault opens on Mondays.\n");
        Files.writeString(knowledge.resolve(".walrus.md"), "# Walrus Feeding\n\nThe walrus feeding at the harbour pier"
                + " is every Tuesday at noon.\n");
        Files.createDirectories(knowledge.resolve("harbour"));
        Files.writeString(knowledge.resolve("harbour/otters.md"), "# Otter Feeding\n\nThe otter feeding at the harbour"
                + " pool is every Wednesday at noon.\n");

        // when
        chatbot.post("/admin/ingestion", "{}", null);
        List<String> listed = JSON.readTree(chatbot.get("/admin/documents").body()).path("documents").findValuesAsText("path");
        String vault = ask("What is the zebra crossing vault password?");
        String walrus = ask("When is the walrus feeding at the harbour pier?");
        String otters = ask("When is the otter feeding at the harbour pool?");
        int vaultServed = http.send(HttpRequest.newBuilder(chatbot.http("/knowledge/.hidden/zebra.md")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        int walrusServed = http.send(HttpRequest.newBuilder(chatbot.http("/knowledge/.walrus.md")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        int ottersServed = http.send(HttpRequest.newBuilder(chatbot.http("/knowledge/harbour/otters.md")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();

        // then
        assertThat(listed).contains("harbour/otters.md").doesNotContain(".hidden/zebra.md", ".walrus.md");
        assertThat(vault).doesNotContain("zebra.md", "Zebra Crossing Vault");
        assertThat(walrus).doesNotContain(".walrus.md", "Walrus Feeding");
        assertThat(otters).contains("harbour/otters.md");
        assertThat(List.of(vaultServed, walrusServed, ottersServed)).containsExactly(404, 404, 200);
        TempFolders.deleteRecursively(knowledge.resolve(".hidden"));
        TempFolders.deleteRecursively(knowledge.resolve("harbour"));
        Files.delete(knowledge.resolve(".walrus.md"));
    }

    private static JsonNode statusOf(JsonNode documents, String path) {
        for (JsonNode document : documents) {
            if (document.path("path").asText().equals(path)) {
                return document;
            }
        }
        throw new AssertionError(path + " not listed in " + documents);
    }

    private static String status(String path) throws Exception {
        return statusOf(JSON.readTree(chatbot.get("/admin/documents").body()).path("documents"), path).path("status").asText();
    }

    private static String ask(String question) {
        try (WsClient client = chatbot.connect()) {
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"d-1\",\"message\":\"" + question + "\"}");
            List<String> frames = client.until(frame -> frame.contains("\"type\":\"end\"") || frame.contains("\"type\":\"error\""));
            return frames.stream().filter(frame -> frame.contains("\"type\":\"sources\"")).findFirst().orElse("");
        }
    }

    private HttpResponse<String> put(String uploadUrl, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(chatbot.http(uploadUrl)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(chatbot.http("/admin/documents/" + path)).header("Content-Type", "application/json")
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] pdf(String text) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
