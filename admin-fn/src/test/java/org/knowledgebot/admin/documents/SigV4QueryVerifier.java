package org.knowledgebot.admin.documents;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.knowledgebot.chat.aws.StubAwsServer;

/**
 * Checks a presigned (query-string) SigV4 signature the way S3 does: the canonical request is rebuilt from what
 * actually arrived (method, path, query, the signed headers' received values, UNSIGNED-PAYLOAD), so a PUT whose
 * Content-Type or Content-Length differs from what was signed does not verify.
 */
final class SigV4QueryVerifier {
    private final String secretKey;

    SigV4QueryVerifier(String secretKey) {
        this.secretKey = secretKey;
    }

    boolean verifies(StubAwsServer.Recorded request) throws Exception {
        Map<String, String> query = new TreeMap<>();
        for (String pair : request.query().split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
        }
        String signature = query.remove("X-Amz-Signature");
        String[] signedHeaders = query.get("X-Amz-SignedHeaders").split(";");
        StringBuilder canonicalQuery = new StringBuilder();
        query.forEach((name, value) -> canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&")
                .append(encode(name)).append('=').append(encode(value)));
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String header : signedHeaders) {
            canonicalHeaders.append(header).append(':').append(request.header(header).strip()).append('\n');
        }
        String canonicalRequest = String.join("\n", request.method(), encodePath(request.path()), canonicalQuery,
                canonicalHeaders, String.join(";", signedHeaders), "UNSIGNED-PAYLOAD");
        String[] scope = query.get("X-Amz-Credential").split("/", 2)[1].split("/");
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", query.get("X-Amz-Date"), String.join("/", scope),
                hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        for (String part : Arrays.asList(scope[0], scope[1], scope[2], scope[3])) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign)).equals(signature);
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            out.append(out.length() == 0 && segment.isEmpty() ? "" : "/").append(encode(segment));
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
