package org.knowledgebot.infra.constructs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;

/**
 * The chat page's security headers as shared-core's {@code page-security-headers.properties} defines them (the
 * local runtime serves the page with the same file), turned into CloudFront's security headers behaviour.
 */
public final class PageSecurityHeadersFile {
    private static final Pattern HSTS = Pattern.compile("max-age=(\\d+)(; ?includeSubDomains)?", Pattern.CASE_INSENSITIVE);

    private final Path file;
    private final Properties headers = new Properties();

    private PageSecurityHeadersFile(Path file) {
        this.file = file;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            headers.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page's security headers " + file, e);
        }
    }

    public static PageSecurityHeadersFile read(Path file) {
        return new PageSecurityHeadersFile(file);
    }

    /** The behaviour for a page that may connect to {@code connectSources} (a CSP source list). */
    public ResponseSecurityHeadersBehavior behaviour(String connectSources) {
        Matcher hsts = HSTS.matcher(required("strict-transport-security"));
        if (!hsts.matches() || !"nosniff".equals(required("x-content-type-options"))) {
            throw new IllegalStateException(file + ": strict-transport-security must be max-age=<seconds>[; includeSubDomains]"
                    + " and x-content-type-options nosniff");
        }
        return ResponseSecurityHeadersBehavior.builder()
                .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                        .contentSecurityPolicy(required("content-security-policy").replace("{connect-src}", connectSources))
                        .override(true).build())
                .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                .frameOptions(ResponseHeadersFrameOptions.builder()
                        .frameOption(HeadersFrameOption.valueOf(constant("x-frame-options"))).override(true).build())
                .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                        .referrerPolicy(HeadersReferrerPolicy.valueOf(constant("referrer-policy"))).override(true).build())
                .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                        .accessControlMaxAge(Duration.seconds(Long.parseLong(hsts.group(1))))
                        .includeSubdomains(hsts.group(2) != null).override(true).build())
                .build();
    }

    private String constant(String name) {
        return required(name).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private String required(String name) {
        String value = headers.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " must define " + name);
        }
        return value.strip();
    }
}
