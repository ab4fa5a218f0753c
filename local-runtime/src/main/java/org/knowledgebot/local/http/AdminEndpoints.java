package org.knowledgebot.local.http;

import java.util.Optional;
import org.knowledgebot.local.admin.UploadRoute;

/** The operators' HTTP side: admin-fn's routes ({@code /feedback}, {@code /admin/*}) and the local upload PUT. */
public record AdminEndpoints(HttpApiRoute api, Optional<UploadRoute> uploads) {
}
