package org.knowledgebot.chat.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.RetrievalException;
import org.knowledgebot.core.port.Retriever;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievalResultLocation;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveRequest;

/**
 * Passages from an Amazon Bedrock knowledge base through the agent runtime's {@code Retrieve} API, the
 * retriever for new deployments (Kendra is closed to new customers). Relevance scores become Kendra-style
 * confidence buckets through {@link ScoreBuckets}.
 */
public record KnowledgeBaseRetriever(BedrockAgentRuntimeClient client, String knowledgeBaseId, int numberOfResults,
                                     ScoreBuckets buckets) implements Retriever {
    static final String SOURCE_URI = "x-amz-bedrock-kb-source-uri";
    static final String CHUNK_ID = "x-amz-bedrock-kb-chunk-id";
    private static final List<String> TITLE_KEYS = List.of("x-amz-bedrock-kb-title", "title", "Title");

    @Override
    public List<Passage> retrieve(String question) {
        RetrieveRequest request = RetrieveRequest.builder()
                .knowledgeBaseId(knowledgeBaseId)
                .retrievalQuery(query -> query.text(QueryText.truncate(question)))
                .retrievalConfiguration(config -> config.vectorSearchConfiguration(
                        search -> search.numberOfResults(numberOfResults)))
                .build();
        try {
            return client.retrieve(request).retrievalResults().stream().map(this::toPassage).toList();
        } catch (SdkException e) {
            throw new RetrievalException("The knowledge base could not be searched right now.", e);
        }
    }

    private Passage toPassage(KnowledgeBaseRetrievalResult result) {
        Map<String, Document> metadata = result.hasMetadata() ? result.metadata() : Map.of();
        String uri = locationUri(result.location()).or(() -> text(metadata, SOURCE_URI)).orElse("");
        String title = TITLE_KEYS.stream().map(key -> text(metadata, key)).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> fileName(text(metadata, SOURCE_URI).orElse(uri)));
        String text = result.content() == null ? "" : result.content().text();
        return new Passage(text(metadata, CHUNK_ID).orElse(uri), title, uri, text, buckets.bucket(result.score()));
    }

    private static Optional<String> locationUri(RetrievalResultLocation location) {
        if (location == null) {
            return Optional.empty();
        }
        return Stream.of(
                        location.s3Location() == null ? null : location.s3Location().uri(),
                        location.webLocation() == null ? null : location.webLocation().url(),
                        location.confluenceLocation() == null ? null : location.confluenceLocation().url(),
                        location.sharePointLocation() == null ? null : location.sharePointLocation().url(),
                        location.salesforceLocation() == null ? null : location.salesforceLocation().url(),
                        location.kendraDocumentLocation() == null ? null : location.kendraDocumentLocation().uri())
                .filter(uri -> uri != null && !uri.isBlank())
                .findFirst();
    }

    private static Optional<String> text(Map<String, Document> metadata, String key) {
        Document value = metadata.get(key);
        return value != null && value.isString() && !value.asString().isBlank()
                ? Optional.of(value.asString()) : Optional.empty();
    }

    /** "s3://bucket/guides/Getting%20started.pdf" → "Getting started.pdf". */
    private static String fileName(String uri) {
        String path = uri.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            return URLDecoder.decode(last, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Not percent-encoded after all: the name is shown as it is.
            return last;
        }
    }
}
