package org.newsletter.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.model.Subscriber;
import org.newsletter.model.SubscriberDetails;
import org.newsletter.model.Subscription;
import org.newsletter.model.SubscriptionChange;
import org.newsletter.model.Suppression;
import org.newsletter.model.TerminalText;
import org.newsletter.model.UserInputException;
import org.newsletter.model.WithdrawnConsent;
import org.newsletter.store.AddResult;
import org.newsletter.store.NewSubscriber;
import org.newsletter.store.Store;
import org.newsletter.store.SubscriberRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.newsletter.model.PersonName;

@Command(name = "subscribers", mixinStandardHelpOptions = true,
        description = "Manage the people on your lists.",
        subcommands = {SubscribersCommand.Add.class, SubscribersCommand.Remove.class, SubscribersCommand.Unsubscribe.class,
                SubscribersCommand.Show.class, SubscriberListCommand.class, SubscribersCommand.Tag.class,
                SubscribersCommand.Untag.class, SubscriberImportCommand.class, SubscriberExportCommand.class})
final class SubscribersCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Subscribe someone to a list, as staff.",
                    "Consent is recorded as given to \"staff: USER\".",
                    "Someone already on file keeps their name, tags and attributes unless --update, as in an import.",
                    "A suppressed address, or one that unsubscribed from the list (even if removed since), is refused."})
    static final class Add implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "EMAIL", description = "Their e-mail address.")
        EmailAddress email;

        @Option(names = "--name", paramLabel = "NAME", description = "Their name.")
        String name;

        @Option(names = "--list", required = true, paramLabel = "LIST", description = "The list to subscribe them to.")
        String list;

        @Option(names = "--tag", paramLabel = "TAG", description = "A tag; repeat for more.")
        List<String> tags = new ArrayList<>();

        @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "An attribute; repeat for more.")
        Map<String, String> attributes = new LinkedHashMap<>();

        @Option(names = "--update", description = "For someone already on file: replace the name, add the tags and set the attributes given.")
        boolean update;

        Add(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Tags.check(tags);
            if (name != null && PersonName.hasControlCharacter(name)) {
                // As an import refuses it: a line break or ESC in a name would break the To: header at send time.
                throw new UserInputException("--name '" + TerminalText.escape(name) + "' contains control characters (line breaks, tabs, escapes)");
            }
            try (Store store = context.openStore(context.workspace(null))) {
                MailingList mailingList = store.lists().require(list);
                String how = "staff: " + context.user();
                AddResult result = store.subscribers().add(
                        new NewSubscriber(email, name, Set.copyOf(tags), attributes, how, context.clock().instant()), mailingList, how, update);
                // The address as stored: for someone on file, as it was first written, whatever the case typed now.
                String stored = result.subscriber().email();
                context.out().println(switch (result.outcome()) {
                    case ADDED -> "Added " + stored + " to '" + mailingList.slug() + "'";
                    case SUBSCRIBED -> "Subscribed " + stored + " (already on file) to '" + mailingList.slug() + "'";
                    case ALREADY_SUBSCRIBED -> stored + " was already on '" + mailingList.slug() + "'";
                });
                if (!result.differences().isEmpty()) {
                    context.out().println(result.updated() ? "Updated " + updated(result.differences())
                            : "Kept what is on file: " + kept(result.subscriber(), result.differences()) + "; --update changes it");
                }
            }
            return ExitCodes.OK;
        }

        /** "name 'Ann Lee' (not 'Ann L'), no tag cuppa, city=Leeds (not York)". */
        private static String kept(Subscriber onFile, AddResult.Differences given) {
            List<String> parts = new ArrayList<>();
            if (given.name() != null) {
                parts.add("name " + (onFile.name().isEmpty() ? "(none)" : "'" + onFile.name() + "'") + " (not '" + given.name() + "')");
            }
            if (!given.tags().isEmpty()) {
                parts.add("no tag " + String.join(", ", new TreeSet<>(given.tags())));
            }
            new TreeMap<>(given.attributes()).forEach((key, value) -> parts.add(onFile.attributes().containsKey(key)
                    ? key + "=" + onFile.attributes().get(key) + " (not " + value + ")"
                    : "no " + key + " (not " + value + ")"));
            return String.join(", ", parts);
        }

        /** "name 'Ann L', tag cuppa, city=York". */
        private static String updated(AddResult.Differences given) {
            List<String> parts = new ArrayList<>();
            if (given.name() != null) {
                parts.add("name '" + given.name() + "'");
            }
            if (!given.tags().isEmpty()) {
                parts.add("tag " + String.join(", ", new TreeSet<>(given.tags())));
            }
            new TreeMap<>(given.attributes()).forEach((key, value) -> parts.add(key + "=" + value));
            return String.join(", ", parts);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Delete someone and everything held about them.", "To stop mailing someone, use unsubscribe instead.",
                    "That they left a list is kept, by a hash of the address: add and import still refuse them there.",
                    "Asks first on a terminal; without one it needs --yes."})
    static final class Remove implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "EMAIL", description = "Their e-mail address.")
        EmailAddress email;

        @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
        boolean yes;

        Remove(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                Subscriber subscriber = store.subscribers().require(email);
                if (!Confirmation.confirmed(context, yes, "remove", "Delete " + subscriber.email() + " and everything held about them?")) {
                    context.out().println("Not removed.");
                    return ExitCodes.FAILED;
                }
                if (!store.subscribers().remove(email)) {
                    throw new UserInputException("no subscriber " + email);
                }
                List<String> left = store.withdrawnConsents().of(email).stream().map(WithdrawnConsent::listSlug).toList();
                List<String> kept = new ArrayList<>();
                if (!left.isEmpty()) {
                    kept.add("that they left " + String.join(", ", left) + ": only they can subscribe there again, through the subscribe form");
                }
                store.suppressions().find(email).ifPresent(s -> kept.add("that the address is suppressed (" + s.reason().word()
                        + "): it is never mailed or subscribed again"));
                context.out().println("Removed " + subscriber.email() + (kept.isEmpty() ? "" : "; kept, by a hash of the address, "
                        + String.join("; and ", kept)));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "unsubscribe", mixinStandardHelpOptions = true, description = "Unsubscribe someone from a list.")
    static final class Unsubscribe implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "EMAIL", description = "Their e-mail address.")
        EmailAddress email;

        @Option(names = "--list", required = true, paramLabel = "LIST", description = "The list to unsubscribe them from.")
        String list;

        Unsubscribe(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                MailingList mailingList = store.lists().require(list);
                boolean changed = store.subscribers().unsubscribe(email, mailingList, "staff: " + context.user());
                context.out().println(changed ? "Unsubscribed " + email + " from '" + mailingList.slug() + "'"
                        : email + " was not subscribed to '" + mailingList.slug() + "'");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show everything held about someone, with their history.")
    static final class Show implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "EMAIL", description = "Their e-mail address.")
        EmailAddress email;

        Show(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                Optional<SubscriberDetails> found = store.subscribers().details(email);
                List<WithdrawnConsent> left = store.withdrawnConsents().of(email);
                var out = context.out();
                if (found.isEmpty()) {
                    Optional<Suppression> suppression = store.suppressions().find(email);
                    if (left.isEmpty() && suppression.isEmpty()) {
                        throw new UserInputException("no subscriber " + email);
                    }
                    // Removed or erased: what a hash of the address still keeps them from.
                    out.println("Email:       " + email + " (not on file; only a hash of the address is kept)");
                    out.println("Suppressed:  " + suppression.map(x -> "yes: " + x.reason().word() + " since " + Times.format(x.at())).orElse("no"));
                    printLeft(out, left);
                    return ExitCodes.OK;
                }
                SubscriberDetails details = found.get();
                var s = details.subscriber();
                // Everything here may have come from a stranger (the subscribe form) or a file: escaped, never run by the terminal.
                out.println("Email:       " + TerminalText.escape(s.email()));
                out.println("Name:        " + (s.name().isEmpty() ? "-" : TerminalText.escape(s.name())));
                out.println("Tags:        " + (s.tags().isEmpty() ? "-" : TerminalText.escape(String.join(", ", s.tags()))));
                out.println("Attributes:  " + (s.attributes().isEmpty() ? "-" : TerminalText.escape(s.attributes().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(""))));
                out.println("Consent:     " + TerminalText.escape(s.consentSource()) + ", " + Times.format(s.consentAt()));
                out.println("Created:     " + Times.format(s.createdAt()));
                out.println("Updated:     " + Times.format(s.updatedAt()));
                out.println("Suppressed:  " + details.suppression()
                        .map(x -> "yes: " + x.reason().word() + " since " + Times.format(x.at())).orElse("no"));
                out.println("Lists:");
                for (Subscription subscription : details.subscriptions()) {
                    out.printf("  %-20s %-13s since %s (%s)%n", subscription.listSlug(), subscription.status().word(),
                            Times.format(subscription.changedAt()), TerminalText.escape(subscription.how()));
                }
                printLeft(out, left);
                out.println("History:");
                for (SubscriptionChange change : details.history()) {
                    out.printf("  %s  %-20s %-13s %s%n", Times.format(change.at()), change.listSlug(), change.status().word(), TerminalText.escape(change.how()));
                }
            }
            return ExitCodes.OK;
        }

        /** The lists the address left before a removal: add and import refuse it there. */
        private static void printLeft(java.io.PrintWriter out, List<WithdrawnConsent> left) {
            if (left.isEmpty()) {
                return;
            }
            out.println("Left before being removed (kept by a hash of the address; add and import refuse it there):");
            for (WithdrawnConsent withdrawal : left) {
                out.printf("  %-20s %-13s since %s (%s)%n", withdrawal.listSlug(), "unsubscribed", Times.format(withdrawal.at()), withdrawal.how());
            }
        }
    }

    /** EMAIL TAG…: what tag and untag share; they differ only in what they do with the tags. */
    abstract static class TagChange implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(index = "0", paramLabel = "EMAIL", description = "Their e-mail address.")
        EmailAddress email;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG", description = "One or more tags.")
        List<String> tags;

        TagChange(CommandContext context) {
            this.context = context;
        }

        /** Changes the tags of {@code subscriber} and says what was done. */
        abstract String apply(SubscriberRepository subscribers, Subscriber subscriber);

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                context.out().println(apply(store.subscribers(), store.subscribers().require(email)));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "tag", mixinStandardHelpOptions = true, description = "Add tags to someone.")
    static final class Tag extends TagChange {
        Tag(CommandContext context) {
            super(context);
        }

        @Override
        String apply(SubscriberRepository subscribers, Subscriber subscriber) {
            Tags.check(tags);
            subscribers.tag(email, tags);
            return "Tagged " + subscriber.email() + ": " + String.join(", ", tags);
        }
    }

    @Command(name = "untag", mixinStandardHelpOptions = true,
            description = {"Remove tags from someone.", "Naming a tag they do not have is an error (the others are still removed)."})
    static final class Untag extends TagChange {
        Untag(CommandContext context) {
            super(context);
        }

        @Override
        String apply(SubscriberRepository subscribers, Subscriber subscriber) {
            Set<String> absent = subscribers.untag(email, tags);
            List<String> removed = tags.stream().distinct().filter(t -> !absent.contains(t)).toList();
            if (!absent.isEmpty()) {
                List<String> now = subscriber.tags().stream().filter(t -> !removed.contains(t)).toList();
                throw new UserInputException((removed.isEmpty() ? "" : "removed " + String.join(", ", removed) + " from " + subscriber.email() + ", but ")
                        + subscriber.email() + " has no tag " + absent.stream().map(t -> "'" + t + "'").collect(java.util.stream.Collectors.joining(", "))
                        + "; tags on file: " + (now.isEmpty() ? "none" : String.join(", ", now)));
            }
            return "Removed tags from " + subscriber.email() + ": " + String.join(", ", removed);
        }
    }

    /** Tags are single words so that segments like tag:cuppa can name them. */
    static final class Tags {
        private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*");

        private Tags() {
        }

        static void check(List<String> tags) {
            for (String tag : tags) {
                if (!WORD.matcher(tag).matches()) {
                    throw new UserInputException("tag '" + tag + "' must be one word of letters, digits, '-', '_' or '.'");
                }
            }
        }
    }
}
