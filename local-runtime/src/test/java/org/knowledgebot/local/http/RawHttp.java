package org.knowledgebot.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, with exactly the headers given: the JDK's client will not send a
 * forged {@code Host}, which is what a DNS-rebinding page makes the browser send.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The response (status line, headers and a body of Content-Length bytes) to {@code request}, CRLF line ends added. */
    public static String exchange(int port, String... requestLines) throws IOException {
        String request = String.join("\r\n", requestLines) + "\r\n";
        if (!request.endsWith("\r\n\r\n")) {
            request += "\r\n";
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.write(next);
            }
            String headers = head.toString(StandardCharsets.UTF_8);
            String length = headers.contains("\r\n\r\n") ? header(headers, "content-length") : null;
            byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
            return headers + new String(body, StandardCharsets.UTF_8);
        }
    }

    public static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    /** The value of header {@code name}, or null. */
    public static String header(String response, String name) {
        for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
