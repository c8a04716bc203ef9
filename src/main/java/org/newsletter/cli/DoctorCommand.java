package org.newsletter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.newsletter.doctor.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the sending domain as Gmail, Yahoo and Outlook.com will.",
                "SPF, DKIM, DMARC, alignment, reverse DNS, MX, relay TLS, unsubscribe and the From domain's own policy."
                + " One line per item (✓ ok, ✗ fails, ! warning, - not checked), with the exact change to make for each ✗."
                + " Exit 1 when an item fails. NEWSLETTER_DNS=HOST:PORT asks that DNS server instead of the system's."})
final class DoctorCommand implements Callable<Integer> {

    /** How the checklist is printed. */
    enum Format { text, json }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final CommandContext context;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: an array of {id, status (ok|fail|warn|skip), detail, fix}.")
    Format format;

    DoctorCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<Finding> findings = new SendingChecks(context, context.workspace(null)).examine(TIMEOUT, null);
        if (format == Format.json) {
            List<Map<String, String>> items = findings.stream().map(DoctorCommand::json).toList();
            context.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(items));
        } else {
            for (Finding finding : findings) {
                context.out().printf("%s %-12s %s%n", finding.status().symbol(), finding.id(), finding.detail());
                if (!finding.fix().isEmpty()) {
                    context.out().printf("  %-12s fix: %s%n", "", finding.fix());
                }
            }
        }
        return findings.stream().anyMatch(Finding::failed) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static Map<String, String> json(Finding finding) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put("id", finding.id());
        item.put("status", finding.status().word());
        item.put("detail", finding.detail());
        item.put("fix", finding.fix());
        return item;
    }
}
