package org.knowledgebot.local;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.knowledgebot.admin.AdminHttpHandler;
import org.knowledgebot.chat.ChatHandler;
import org.knowledgebot.connect.CognitoJwtVerifier;
import org.knowledgebot.connect.ConnectHandler;
import org.knowledgebot.connect.DisconnectHandler;
import org.knowledgebot.connect.WebSocketAuthorizer;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.observability.FailureCause;
import org.knowledgebot.core.observability.ServiceErrorCodes;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.web.PageSecurityHeaders;
import org.knowledgebot.core.wire.ChatRoutes;
import org.knowledgebot.local.admin.UploadRoute;
import org.knowledgebot.local.auth.LocalTokenCallers;
import org.knowledgebot.local.auth.LocalTokenIssuer;
import org.knowledgebot.local.auth.LocalWebSocketAuthorizer;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.gateway.ConnectAuthorizer;
import org.knowledgebot.local.gateway.LocalConnections;
import org.knowledgebot.local.gateway.ManagementApi;
import org.knowledgebot.local.gateway.WebSocketEvents;
import org.knowledgebot.local.gateway.WebSocketGateway;
import org.knowledgebot.local.http.AdminEndpoints;
import org.knowledgebot.local.http.BodyReadTimeout;
import org.knowledgebot.local.http.BrowserAccess;
import org.knowledgebot.local.http.BrowserRequestGuard;
import org.knowledgebot.local.http.CallerIdentity;
import org.knowledgebot.local.http.HttpApiRoute;
import org.knowledgebot.local.http.JsonErrorHandler;
import org.knowledgebot.local.http.LocalHttpRoutes;
import org.knowledgebot.local.http.LocalUser;
import org.knowledgebot.local.http.PageHeaders;
import org.knowledgebot.local.http.StaticFiles;
import org.knowledgebot.local.retrieval.Background;
import org.knowledgebot.local.retrieval.HybridRetriever;
import org.knowledgebot.local.retrieval.MiniLmEmbedder;
import org.knowledgebot.session.SessionHttpHandler;

/**
 * The whole chatbot in one process: Jetty serving the page, the WebSocket API with API Gateway semantics, the
 * {@code @connections} API and the session route, with the real handlers of connect-fn, chat-fn and session-fn
 * constructed over the local Dagger graph.
 */
public final class LocalRuntime implements AutoCloseable {
    private final Server server;
    private final ThreadPoolExecutor workers;
    private final LocalComponent component;
    private final LocalConnections connections;
    private final URI baseUri;
    private final Optional<FirstTokenWarmUp> warmUp;

    private LocalRuntime(Server server, ThreadPoolExecutor workers, LocalComponent component,
                         LocalConnections connections, URI baseUri, Optional<FirstTokenWarmUp> warmUp) {
        this.server = server;
        this.workers = workers;
        this.component = component;
        this.connections = connections;
        this.baseUri = baseUri;
        this.warmUp = warmUp;
    }

    public static LocalRuntime start(LocalSettings settings) throws Exception {
        boolean embeds = settings.retriever() == LocalSettings.RetrieverKind.LUCENE
                || settings.model() == LocalSettings.ModelKind.OFFLINE;
        if (embeds) {
            // Starts loading the embedding model now, beside the rest of the start-up.
            MiniLmEmbedder.shared(settings.dataDir());
        }
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // No Server header, no "Powered by": a response does not say which server (or version) to attack.
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.open();
        server.addConnector(connector);
        String authority = urlHost(settings.host()) + ":" + connector.getLocalPort();
        URI baseUri = URI.create("http://" + authority);
        try {
            Clock clock = Clock.systemUTC();
            LocalConnections connections = new LocalConnections(clock);
            LocalComponent component = DaggerLocalComponent.builder()
                    .settings(settings)
                    .connections(connections)
                    .knowledgeBaseUrl(settings.knowledgeBaseUrl().orElse(baseUri + "/knowledge"))
                    .build();
            EventLog eventLog = component.eventLog();
            // Index (and embed what the vector cache lacks) while the server is set up, and before it serves, so
            // the first question waits for neither.
            CompletableFuture<Integer> indexed = component.retriever() instanceof HybridRetriever local
                    ? Background.start("index-knowledge", local::passageCount)
                    : CompletableFuture.completedFuture(0);

            Optional<LocalTokenIssuer> tokens = Optional.empty();
            ConnectAuthorizer authorizer = connect -> ConnectAuthorizer.Decision.allow(LocalUser.authorizerContext());
            CallerIdentity callers = new LocalUser();
            if (settings.auth() == LocalSettings.AuthMode.LOCAL) {
                LocalTokenIssuer issuer = new LocalTokenIssuer(baseUri.toString(), clock);
                // The real verifier, configured the way a deployed authorizer is (JWT_ISSUER and JWKS_URL overrides).
                CognitoJwtVerifier verifier = CognitoJwtVerifier.fromEnvironment(new Environment(Map.of(
                        "USER_POOL_CLIENT_ID", LocalTokenIssuer.CLIENT_ID,
                        "JWT_ISSUER", issuer.issuer(),
                        "JWKS_URL", baseUri + "/.well-known/jwks.json")), clock);
                tokens = Optional.of(issuer);
                authorizer = new LocalWebSocketAuthorizer(new WebSocketAuthorizer(verifier, eventLog));
                callers = new LocalTokenCallers(verifier);
            }

            ThreadPoolExecutor workers = workers(settings.workers());
            WebSocketGateway gateway = new WebSocketGateway(connections, new WebSocketEvents(authority), authorizer,
                    new ConnectHandler(eventLog), new DisconnectHandler(eventLog),
                    new ChatHandler(component.chatEndpoint(), eventLog), Set.copyOf(ChatRoutes.ACTIONS), workers);
            LocalHttpRoutes routes = new LocalHttpRoutes(new ManagementApi(connections),
                    new HttpApiRoute(new SessionHttpHandler(component.sessionOperations(), eventLog), callers, clock, "session-fn"),
                    new AdminEndpoints(new HttpApiRoute(new AdminHttpHandler(component.adminRoutes()), callers, clock, "admin-fn"),
                            component.adminRoutes()::methodsFor, component.localDocuments().map(UploadRoute::new)),
                    new StaticFiles(settings.knowledgeDir()), tokens, authority);

            ContextHandler context = new ContextHandler("/");
            WebSocketUpgradeHandler upgrades = gateway.upgradeHandler(server, context);
            upgrades.setHandler(routes);
            BrowserAccess access = BrowserAccess.forBind(settings.host(), connector.getLocalPort(), settings.environment());
            // Outermost, so that the guard's refusals carry the page's headers too.
            PageHeaders pageHeaders = new PageHeaders(PageSecurityHeaders.load(), access,
                    new BodyReadTimeout(settings.bodyReadTimeout(), new BrowserRequestGuard(access, routes, upgrades)));
            context.setHandler(pageHeaders);
            server.setErrorHandler(new JsonErrorHandler(pageHeaders));
            server.setHandler(context);
            server.setStopTimeout(2_000);
            Background.await(indexed);
            if (embeds) {
                MiniLmEmbedder.shared(settings.dataDir()).awaitLoaded();
            }
            server.start();
            Optional<FirstTokenWarmUp> warmUp = component.retriever() instanceof HybridRetriever local
                    && settings.model() == LocalSettings.ModelKind.OFFLINE
                    ? Optional.of(warmUp(local, component.answerModels()))
                    : Optional.empty();
            return new LocalRuntime(server, workers, component, connections, baseUri, warmUp);
        } catch (Exception | Error e) {
            server.stop();
            connector.close();
            throw e;
        }
    }

    /** Warms the first-token path on a thread of its own ({@link FirstTokenWarmUp}); a failure only costs speed. */
    private static FirstTokenWarmUp warmUp(HybridRetriever retriever, AnswerModels models) {
        FirstTokenWarmUp warmUp = new FirstTokenWarmUp(retriever, models.forAlias(models.defaultAlias()).orElseThrow());
        Background.start("first-token-warm-up", () -> warmUp.run(retriever.documentTitles()))
                .exceptionally(e -> {
                    System.err.println("The first-token warm-up stopped early: "
                            + FailureCause.of(e, ServiceErrorCodes.none()).classChain());
                    return 0;
                });
        return warmUp;
    }

    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    public LocalComponent component() {
        return component;
    }

    public LocalConnections connections() {
        return connections;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        warmUp.ifPresent(FirstTokenWarmUp::stop);
        server.stop();
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        if (component.sessionStore() instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (component.feedbackStore() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * The route workers: one thread per message being handled, like one Lambda invocation each, up to
     * {@code size}; then messages queue. Idle threads go away after a minute.
     */
    private static ThreadPoolExecutor workers(int size) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "route-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.allowCoreThreadTimeOut(true);
        return workers;
    }

    /** The host as it appears in this runtime's URLs; a wildcard bind address is reached through loopback. */
    private static String urlHost(String host) {
        return switch (host) {
            case "0.0.0.0", "::", "" -> "localhost";
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
    }
}
