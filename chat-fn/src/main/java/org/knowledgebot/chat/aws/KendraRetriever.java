package org.knowledgebot.chat.aws;

import java.util.List;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.RetrievalException;
import org.knowledgebot.core.port.Retriever;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kendra.KendraClient;
import software.amazon.awssdk.services.kendra.model.AttributeFilter;
import software.amazon.awssdk.services.kendra.model.DocumentAttribute;
import software.amazon.awssdk.services.kendra.model.DocumentAttributeValue;
import software.amazon.awssdk.services.kendra.model.RetrieveRequest;
import software.amazon.awssdk.services.kendra.model.RetrieveResultItem;
import software.amazon.awssdk.services.kendra.model.ScoreAttributes;

/** Passages from an Amazon Kendra index through the {@code Retrieve} API (docs/ARCHITECTURE.md, "Ports and their adapters"). */
public final class KendraRetriever implements Retriever {
    static final String LANGUAGE_ATTRIBUTE = "_language_code";

    private final KendraClient kendra;
    private final String indexId;
    private final int pageSize;
    private final AttributeFilter languageFilter;

    /** {@code languageCode} null or blank: no attribute filter (the index's default language applies). */
    public KendraRetriever(KendraClient kendra, String indexId, int pageSize, String languageCode) {
        this.kendra = kendra;
        this.indexId = indexId;
        this.pageSize = pageSize;
        this.languageFilter = languageCode == null || languageCode.isBlank() ? null : AttributeFilter.builder()
                .equalsTo(DocumentAttribute.builder()
                        .key(LANGUAGE_ATTRIBUTE)
                        .value(DocumentAttributeValue.builder().stringValue(languageCode).build())
                        .build())
                .build();
    }

    @Override
    public List<Passage> retrieve(String question) {
        // Retrieve takes no SortingConfiguration: results come in Kendra's relevance order.
        RetrieveRequest request = RetrieveRequest.builder()
                .indexId(indexId)
                .queryText(QueryText.truncate(question))
                .pageSize(pageSize)
                .attributeFilter(languageFilter)
                .build();
        try {
            return kendra.retrieve(request).resultItems().stream().map(KendraRetriever::toPassage).toList();
        } catch (SdkException e) {
            throw new RetrievalException("The knowledge index could not be searched right now.", e);
        }
    }

    private static Passage toPassage(RetrieveResultItem item) {
        return new Passage(item.documentId(), item.documentTitle(), item.documentURI(), item.content(),
                confidence(item.scoreAttributes()));
    }

    private static Confidence confidence(ScoreAttributes score) {
        return score == null ? Confidence.NOT_AVAILABLE
                : Confidence.parse(score.scoreConfidenceAsString()).orElse(Confidence.NOT_AVAILABLE);
    }
}
