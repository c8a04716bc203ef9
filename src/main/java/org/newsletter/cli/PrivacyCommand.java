package org.newsletter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.newsletter.model.EmailAddress;
import org.newsletter.store.PersonalData;
import org.newsletter.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Export or erase what is held about a person.",
        subcommands = {PrivacyCommand.Export.class, PrivacyCommand.Erase.class})
final class PrivacyCommand extends CommandGroup {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Print everything held about an address, as JSON.", "This answers a subject access request."})
    static final class Export implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "EMAIL", description = "The person's e-mail address.")
        EmailAddress email;

        Export(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            try (Store store = context.openStore(context.workspace(null))) {
                PersonalData.Held held = store.personalData().held(email);
                ObjectMapper json = new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
                ObjectNode document = json.createObjectNode();
                document.put("email", email.toString());
                document.put("exported_at", context.clock().instant().toString());
                document.set("record", held.details().<JsonNode>map(json::valueToTree).orElse(json.nullNode()));
                document.set("suppression", held.suppression().<JsonNode>map(json::valueToTree).orElse(json.nullNode()));
                document.set("withdrawn_consent", json.valueToTree(held.withdrawnConsent()));
                document.set("deliveries", json.valueToTree(held.deliveries()));
                document.set("bounces", json.valueToTree(held.bounces()));
                // Only per_person click tracking keeps clicks about someone; otherwise this is empty.
                document.set("clicks", json.valueToTree(held.clicks()));
                context.out().println(json.writeValueAsString(document));
                if (held.isEmpty()) {
                    context.err().println("Nothing is held about " + email + ".");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = {"Delete everything held about an address (right to erasure).",
                    "Only a hash of the address is kept (with the lists it had left), so that no later import can add it again.",
                    "Asks first on a terminal; without one it needs --yes."})
    static final class Erase implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "EMAIL", description = "The person's e-mail address.")
        EmailAddress email;

        @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
        boolean yes;

        Erase(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                if (!Confirmation.confirmed(context, yes, "erase",
                        "Erase everything held about " + email + "? Only a hash of the address is kept, and this cannot be undone.")) {
                    context.out().println("Not erased.");
                    return ExitCodes.FAILED;
                }
                boolean removed = store.personalData().erase(email);
                context.out().println(removed
                        ? "Erased " + email + "; only a hash of the address is kept, to keep it off every list."
                        : "Nothing was held about " + email + "; its hash is now suppressed so no import can add it.");
            }
            return ExitCodes.OK;
        }
    }
}
