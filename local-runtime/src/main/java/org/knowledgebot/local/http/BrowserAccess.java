package org.knowledgebot.local.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;

/**
 * The addresses a browser may use to reach this runtime: the {@code Host} names it answers to and the page
 * origins it takes state-changing requests and WebSocket upgrades from. A page elsewhere (or a DNS-rebinding
 * name pointed at this machine) is neither.
 *
 * <p>The names are the bound host with the bound port; for a loopback bind also {@code localhost},
 * {@code 127.0.0.1} and {@code [::1]}; for a wildcard bind also every address of this machine's interfaces. Each
 * origin of {@value #SETTING} (a port forward, a proxy in front) is allowed too, and so is its host.
 */
public final class BrowserAccess {
    public static final String SETTING = "LOCAL_ALLOWED_ORIGINS";
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> hosts;
    private final Set<String> origins;

    private BrowserAccess(Set<String> hosts, Set<String> origins) {
        this.hosts = Set.copyOf(hosts);
        this.origins = Set.copyOf(origins);
    }

    /** For a runtime bound to {@code bindHost}:{@code port}, with the extra origins of {@value #SETTING}. */
    public static BrowserAccess forBind(String bindHost, int port, Environment environment) {
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        for (String name : namesOf(bindHost)) {
            String authority = port == 80 ? name : name + ":" + port;
            hosts.add(authority);
            if (port == 80) {
                hosts.add(name + ":80");
            }
            origins.add("http://" + authority);
        }
        for (String origin : environment.optional(SETTING).map(value -> value.split(",")).orElse(new String[0])) {
            if (!origin.isBlank()) {
                String allowed = origin(origin.strip());
                hosts.add(allowed.substring(allowed.indexOf("://") + 3));
                origins.add(allowed);
            }
        }
        return new BrowserAccess(hosts, origins);
    }

    /** Whether a request's {@code Host} header names this runtime; a request without one never does. */
    public boolean allowsHost(String host) {
        return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Whether a request's {@code Origin} header is the page's own or an allowed one ({@code null} is refused). */
    public boolean allowsOrigin(String origin) {
        return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** The allowed origins, for a message that says how to get in. */
    public List<String> origins() {
        List<String> sorted = new ArrayList<>(origins);
        Collections.sort(sorted);
        return sorted;
    }

    private static List<String> namesOf(String bindHost) {
        String host = bindHost.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        switch (host) {
            case "0.0.0.0", "::", "[::]", "" -> {
                names.addAll(LOOPBACK_NAMES);
                names.addAll(interfaceAddresses());
            }
            case "localhost", "127.0.0.1", "::1", "[::1]" -> names.addAll(LOOPBACK_NAMES);
            default -> names.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        return names;
    }

    private static List<String> interfaceAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(face.getInetAddresses())) {
                    String text = address.getHostAddress().replaceFirst("%.*$", "");
                    addresses.add(address instanceof Inet6Address ? "[" + text + "]" : text);
                }
            }
        } catch (SocketException e) {
            // No interface list: the loopback names still work, and LOCAL_ALLOWED_ORIGINS can add the others.
            System.err.println("{\"level\":\"WARN\",\"message\":\"cannot list network interfaces\",\"error\":\""
                    + e.getClass().getSimpleName() + "\"}");
        }
        return addresses;
    }

    /** {@code scheme://host[:port]} of one listed origin, lower case, without the scheme's default port. */
    private static String origin(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // The setting is quoted in the message, which says how to fix it.
            throw notAnOrigin(value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            throw notAnOrigin(value);
        }
        int defaultPort = scheme.equals("http") ? 80 : 443;
        int port = uri.getPort() == defaultPort ? -1 : uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    private static ConfigurationException notAnOrigin(String value) {
        return new ConfigurationException(SETTING + " (--allowed-origins): '" + value
                + "' is not an origin; list origins like http://localhost:9000,https://chat.example.com");
    }
}
