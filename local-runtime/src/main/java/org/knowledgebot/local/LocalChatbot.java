package org.knowledgebot.local;

import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.retrieval.HybridRetriever;

/** {@code java -jar local-runtime.jar [--flag=value ...]}: starts the local chatbot and serves until stopped. */
public final class LocalChatbot {
    private LocalChatbot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: ./chatbot local [--port=8080] [--data=data] [--knowledge=knowledge] [--auth=none|local]"
                    + " [--retriever=lucene|kendra|knowledgeBase] [--model=offline|openai|bedrock] [--sessions=sqlite|dynamodb]"
                    + " [--prompt=FILE] [--pace-ms=15] ...   (see README.md, section 'Local runtime')");
            return;
        }
        LocalSettings settings;
        try {
            settings = LocalSettings.from(args, System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(settings);
        } catch (java.io.IOException e) {
            System.err.println("error: cannot listen on " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
                    + "); choose another port with --port or LOCAL_PORT");
            System.exit(1);
            return;
        } catch (ConfigurationException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runtime.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e.getMessage());
            }
        }, "shutdown"));
        if (runtime.component().retriever() instanceof HybridRetriever lucene) {
            System.out.println("Indexed " + lucene.passageCount() + " passages from " + settings.knowledgeDir().toAbsolutePath().normalize());
        }
        System.out.println("Knowledge chatbot ready on " + runtime.baseUri());
        runtime.join();
    }
}
