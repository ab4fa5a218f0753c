package org.knowledgebot.core.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The chat page's security headers as {@value #RESOURCE} defines them (lower-case header names), the file the
 * CloudFront distribution's response headers policy is built from too.
 */
public final class PageSecurityHeaders {
    public static final String RESOURCE = "/org/knowledgebot/core/web/page-security-headers.properties";
    public static final String CONTENT_SECURITY_POLICY = "content-security-policy";
    public static final String STRICT_TRANSPORT_SECURITY = "strict-transport-security";
    /** Where {@link #CONTENT_SECURITY_POLICY} names the page's allowed connections. */
    public static final String CONNECT_SRC = "{connect-src}";

    private final Map<String, String> headers;

    private PageSecurityHeaders(Map<String, String> headers) {
        if (!headers.containsKey(CONTENT_SECURITY_POLICY) || !headers.get(CONTENT_SECURITY_POLICY).contains(CONNECT_SRC)) {
            throw new IllegalStateException(RESOURCE + " must define " + CONTENT_SECURITY_POLICY + " with " + CONNECT_SRC);
        }
        this.headers = Map.copyOf(headers);
    }

    /** The definition on the classpath; read once by whoever holds it. */
    public static PageSecurityHeaders load() {
        try (InputStream in = PageSecurityHeaders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath (shared-core's resources)");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> headers = new TreeMap<>();
            properties.stringPropertyNames().forEach(name -> headers.put(name, properties.getProperty(name)));
            return new PageSecurityHeaders(headers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The headers of a page served over plain HTTP, whose connections may go to {@code connectSources} (a CSP
     * source list); {@link #STRICT_TRANSPORT_SECURITY} is left out, as a browser ignores it there.
     */
    public Map<String, String> forHttpPage(String connectSources) {
        Map<String, String> page = new TreeMap<>(headers);
        page.remove(STRICT_TRANSPORT_SECURITY);
        page.put(CONTENT_SECURITY_POLICY, headers.get(CONTENT_SECURITY_POLICY).replace(CONNECT_SRC, connectSources));
        return page;
    }
}
