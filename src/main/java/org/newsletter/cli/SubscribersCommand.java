package org.newsletter.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.model.SubscriberDetails;
import org.newsletter.model.Subscription;
import org.newsletter.model.SubscriptionChange;
import org.newsletter.model.UserInputException;
import org.newsletter.store.AddOutcome;
import org.newsletter.store.NewSubscriber;
import org.newsletter.store.Store;
import org.newsletter.store.SubscriberRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "subscribers", mixinStandardHelpOptions = true,
        description = "Manage the people on your lists.",
        subcommands = {SubscribersCommand.Add.class, SubscribersCommand.Remove.class, SubscribersCommand.Unsubscribe.class,
                SubscribersCommand.Show.class, SubscriberListCommand.class, SubscribersCommand.Tag.class,
                SubscribersCommand.Untag.class, SubscriberImportCommand.class, SubscriberExportCommand.class})
final class SubscribersCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Subscribe someone to a list, as staff.",
                    "Consent is recorded as given to \"staff: USER\".",
                    "A suppressed address, or one that unsubscribed from the list, is refused."})
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

        Add(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Tags.check(tags);
            try (Store store = context.openStore(context.workspace(null))) {
                MailingList mailingList = store.lists().require(list);
                String how = "staff: " + context.user();
                AddOutcome outcome = store.subscribers().add(
                        new NewSubscriber(email, name, Set.copyOf(tags), attributes, how, context.clock().instant()), mailingList, how);
                context.out().println(switch (outcome) {
                    case ADDED -> "Added " + email + " to '" + mailingList.slug() + "'";
                    case SUBSCRIBED -> "Subscribed " + email + " to '" + mailingList.slug() + "'";
                    case ALREADY_SUBSCRIBED -> email + " was already on '" + mailingList.slug() + "'; details updated";
                });
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Delete someone and everything held about them.", "To stop mailing someone, use unsubscribe instead."})
    static final class Remove implements Callable<Integer> {
        private final CommandContext context;

        @Parameters(paramLabel = "EMAIL", description = "Their e-mail address.")
        EmailAddress email;

        Remove(CommandContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                if (!store.subscribers().remove(email)) {
                    throw new UserInputException("no subscriber " + email);
                }
                context.out().println("Removed " + email);
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
                SubscriberDetails details = store.subscribers().details(email).orElseThrow(() -> new UserInputException(
                        "no subscriber " + email + store.suppressions().find(email)
                                .map(s -> " (the address is suppressed: " + s.reason().word() + ")").orElse("")));
                var s = details.subscriber();
                var out = context.out();
                out.println("Email:       " + s.email());
                out.println("Name:        " + (s.name().isEmpty() ? "-" : s.name()));
                out.println("Tags:        " + (s.tags().isEmpty() ? "-" : String.join(", ", s.tags())));
                out.println("Attributes:  " + (s.attributes().isEmpty() ? "-" : s.attributes().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")));
                out.println("Consent:     " + s.consentSource() + ", " + Times.format(s.consentAt()));
                out.println("Created:     " + Times.format(s.createdAt()));
                out.println("Updated:     " + Times.format(s.updatedAt()));
                out.println("Suppressed:  " + details.suppression()
                        .map(x -> "yes: " + x.reason().word() + " since " + Times.format(x.at())).orElse("no"));
                out.println("Lists:");
                for (Subscription subscription : details.subscriptions()) {
                    out.printf("  %-20s %-13s since %s (%s)%n", subscription.listSlug(), subscription.status().word(),
                            Times.format(subscription.changedAt()), subscription.how());
                }
                out.println("History:");
                for (SubscriptionChange change : details.history()) {
                    out.printf("  %s  %-20s %-13s %s%n", Times.format(change.at()), change.listSlug(), change.status().word(), change.how());
                }
            }
            return ExitCodes.OK;
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

        abstract String apply(SubscriberRepository subscribers);

        @Override
        public Integer call() {
            try (Store store = context.openStore(context.workspace(null))) {
                context.out().println(apply(store.subscribers()));
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
        String apply(SubscriberRepository subscribers) {
            Tags.check(tags);
            subscribers.tag(email, tags);
            return "Tagged " + email + ": " + String.join(", ", tags);
        }
    }

    @Command(name = "untag", mixinStandardHelpOptions = true, description = "Remove tags from someone.")
    static final class Untag extends TagChange {
        Untag(CommandContext context) {
            super(context);
        }

        @Override
        String apply(SubscriberRepository subscribers) {
            subscribers.untag(email, tags);
            return "Removed tags from " + email + ": " + String.join(", ", tags);
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
