package org.newsletter.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.newsletter.model.UserInputException;
import org.newsletter.web.RequestLog;
import org.newsletter.web.preview.BrowserOpener;
import org.newsletter.web.preview.PreviewServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Preview an issue in the browser as you write it.",
                "Serves, on this computer only (127.0.0.1), the email at desktop or phone width, light or dark, for the sample reader"
                + " or a subscriber; its text, headers, check findings and web version; and the outbox."
                + " Saving a file of the issue updates the page. Stops with Ctrl-C."})
final class PreviewCommand implements Callable<Integer> {

    private final CommandContext context;

    @Mixin
    IssueParameter issue;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8000", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--open", description = "Open the preview in the browser.")
    boolean open;

    PreviewCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be between 0 and 65535, not " + port);
        }
        IssueParameter.Resolved resolved = issue.resolve(context);
        CountDownLatch stopped = new CountDownLatch(1);
        try (PreviewServer preview = start(resolved)) {
            context.out().println("Previewing " + resolved.folder().getFileName() + " at " + preview.url()
                    + " (saving its files updates the page). Ctrl-C stops.");
            context.out().flush();
            if (open) {
                BrowserOpener.system().open(preview.url()).ifPresent(why ->
                        context.err().println("newsletter: could not open a browser: " + why + "; open " + preview.url() + " yourself"));
                context.err().flush();
            }
            Thread hook = new Thread(stopped::countDown, "preview-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // Stopped by whoever runs the command in-process (a test, an embedding program): as Ctrl-C is.
                Thread.currentThread().interrupt();
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return ExitCodes.OK;
    }

    private PreviewServer start(IssueParameter.Resolved resolved) {
        try {
            return PreviewServer.start(resolved.workspace(), resolved.folder(), new InetSocketAddress("127.0.0.1", port),
                    context::openStore, context.environment(), context.clock(), errorsOnly());
        } catch (IOException e) {
            throw new UserInputException("cannot listen on 127.0.0.1:" + port + " or watch " + resolved.folder() + ": " + e.getMessage()
                    + "; choose another --port (0 picks a free one) or stop what is using it");
        }
    }

    /**
     * The server's failures, not every request: live reload and image loads would bury the terminal in
     * lines. WebServer starts failure lines with "error ".
     */
    private RequestLog errorsOnly() {
        return line -> {
            if (line.startsWith("error ")) {
                context.err().println(line);
                context.err().flush();
            }
        };
    }
}
