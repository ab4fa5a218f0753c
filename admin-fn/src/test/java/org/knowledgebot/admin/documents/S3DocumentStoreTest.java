package org.knowledgebot.admin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.text;
import static org.knowledgebot.chat.aws.StubAwsServer.xml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.documents.DocumentPath;
import org.knowledgebot.core.documents.StoredDocument;
import org.knowledgebot.core.documents.UploadTicket;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3DocumentStoreTest {
    private static final String BUCKET = "knowledgebot-dev-documents";
    private static final String SECRET = "stub-secret-key";

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final S3Client s3 = stub.closing(stub.clients().s3());
    private final S3Presigner presigner = stub.closing(S3Presigner.builder().region(Region.US_EAST_1)
            .credentialsProvider(StubAwsServer.CREDENTIALS)
            .endpointOverride(stub.endpoint())
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build());
    private final S3DocumentStore store = new S3DocumentStore(s3, presigner, BUCKET);

    @Test
    void listsEveryPageOfTheBucket() {
        stub.then(xml(200, listing("true", "<NextContinuationToken>page-2</NextContinuationToken>", "guides/tax.md", 120)));
        stub.then(xml(200, listing("false", "", "water.pdf", 90_000)));

        List<StoredDocument> documents = store.list();

        assertThat(documents).containsExactly(
                new StoredDocument("guides/tax.md", 120, Instant.parse("2026-11-30T09:00:00Z")),
                new StoredDocument("water.pdf", 90_000, Instant.parse("2026-11-30T09:00:00Z")));
        assertThat(stub.requests().get(0).query()).contains("list-type=2").doesNotContain("continuation-token");
        assertThat(stub.requests().get(1).query()).contains("continuation-token=page-2");
    }

    @Test
    void thePresignedUrlTakesExactlyTheSignedTypeAndLengthForFifteenMinutes() throws Exception {
        UploadTicket ticket = store.prepareUpload(DocumentPath.parse("guides/new-bins.md"), "text/markdown", 11,
                Duration.ofMinutes(15));
        SigV4QueryVerifier verifier = new SigV4QueryVerifier(SECRET);
        stub.routing(request -> {
            try {
                return verifier.verifies(request) ? text(200, "application/xml", "")
                        : xml(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(ticket.uploadUrl()))
                .header("Content-Type", "text/markdown").PUT(HttpRequest.BodyPublishers.ofString("# New bins\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherType = http.send(HttpRequest.newBuilder(URI.create(ticket.uploadUrl()))
                .header("Content-Type", "text/html").PUT(HttpRequest.BodyPublishers.ofString("# New bins\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherLength = http.send(HttpRequest.newBuilder(URI.create(ticket.uploadUrl()))
                .header("Content-Type", "text/markdown").PUT(HttpRequest.BodyPublishers.ofString("# New bins, longer\n")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ticket.uploadUrl()).contains("/" + BUCKET + "/guides/new-bins.md?", "X-Amz-Expires=900")
                .contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
        assertThat(ticket.headers()).containsEntry("Content-Type", "text/markdown");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(otherType.statusCode()).isEqualTo(403);
        assertThat(otherLength.statusCode()).isEqualTo(403);
        assertThat(stub.requests().get(0).path()).isEqualTo("/" + BUCKET + "/guides/new-bins.md");
    }

    @Test
    void deleteRemovesAnExistingKeyAndReportsAMissingOne() {
        stub.then(xml(200, listing("false", "", "guides/tax.md", 120)));
        stub.then(text(204, "application/xml", ""));
        stub.then(xml(200, listing("false", "", "guides/tax.md.old", 120)));

        boolean deleted = store.delete(DocumentPath.parse("guides/tax.md"));
        boolean missing = store.delete(DocumentPath.parse("guides/tax.md"));

        assertThat(deleted).isTrue();
        assertThat(missing).isFalse();
        assertThat(stub.requests()).extracting(StubAwsServer.Recorded::method).containsExactly("GET", "DELETE", "GET");
        assertThat(stub.requests().get(1).path()).isEqualTo("/" + BUCKET + "/guides/tax.md");
    }

    private static String listing(String truncated, String next, String key, long size) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>" + BUCKET + "</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>"
                + "<IsTruncated>" + truncated + "</IsTruncated>" + next
                + "<Contents><Key>" + key + "</Key><LastModified>2026-11-30T09:00:00.000Z</LastModified>"
                + "<ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>" + size + "</Size>"
                + "<StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>";
    }
}
