package org.knowledgebot.core.documents;

import org.knowledgebot.core.admin.AdminRoutes;

/** Adds the documents and ingestion routes to the admin function's routes. */
public final class DocumentRoutes {
    public static final String DOCUMENTS = "/admin/documents";
    public static final String UPLOADS = "/admin/documents/uploads";
    public static final String DOCUMENT_PREFIX = "/admin/documents/";
    public static final String INGESTION = "/admin/ingestion";

    private DocumentRoutes() {
    }

    public static AdminRoutes.Builder addTo(AdminRoutes.Builder routes, DocumentService documents) {
        return routes
                .route("GET", DOCUMENTS, documents::list)
                .route("POST", UPLOADS, documents::prepareUpload)
                .prefixRoute("DELETE", DOCUMENT_PREFIX, request -> documents.delete(request, DOCUMENT_PREFIX))
                .route("GET", INGESTION, documents::jobs)
                .route("POST", INGESTION, documents::startJob);
    }
}
