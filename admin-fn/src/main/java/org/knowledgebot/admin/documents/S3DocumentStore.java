package org.knowledgebot.admin.documents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.documents.DocumentPath;
import org.knowledgebot.core.documents.DocumentStore;
import org.knowledgebot.core.documents.StoredDocument;
import org.knowledgebot.core.documents.UploadTicket;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The documents bucket: ListObjectsV2 (every page), a presigned PutObject bound to the key, content type and
 * length (the browser must send exactly those headers, or S3 refuses the signature), and DeleteObject. The
 * bucket's S3 event starts ingestion as before.
 */
public record S3DocumentStore(S3Client s3, S3Presigner presigner, String bucket) implements DocumentStore {
    @Override
    public List<StoredDocument> list() {
        List<StoredDocument> documents = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).continuationToken(continuation));
            for (S3Object object : page.contents()) {
                documents.add(new StoredDocument(object.key(), object.size(), object.lastModified()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return documents;
    }

    @Override
    public UploadTicket prepareUpload(DocumentPath path, String contentType, long size, Duration validity) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request
                .signatureDuration(validity)
                .putObjectRequest(put -> put.bucket(bucket).key(path.value()).contentType(contentType).contentLength(size)));
        return new UploadTicket(presigned.url().toString(), Map.of("Content-Type", contentType), presigned.expiration());
    }

    /**
     * S3 answers a delete of a missing key with 204 too, so a listing of that key says whether there was one
     * (ListBucket, which the function has anyway; a HeadObject would need GetObject on every document).
     */
    @Override
    public boolean delete(DocumentPath path) {
        boolean exists = s3.listObjectsV2(request -> request.bucket(bucket).prefix(path.value()).maxKeys(1)).contents()
                .stream().anyMatch(object -> object.key().equals(path.value()));
        if (exists) {
            s3.deleteObject(request -> request.bucket(bucket).key(path.value()));
        }
        return exists;
    }
}
