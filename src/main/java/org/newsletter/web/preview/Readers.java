package org.newsletter.web.preview;

import java.util.Map;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.issue.SampleRecipient;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.message.PersonalLinks;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.MailingList;
import org.newsletter.model.Recipient;
import org.newsletter.model.Subscriber;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;
import org.newsletter.store.StoreException;

/** Finds the {@link Reader} the page asked for: {@code as} (an address, or blank for the sample) and {@code list}. */
final class Readers {

    private final SubscriberDirectory directory;
    private final Map<String, String> environment;

    /** @param environment for the token secret ({@code NEWSLETTER_SECRET}) as send reads it */
    Readers(SubscriberDirectory directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
    }

    /** @throws UserInputException when there is no such subscriber or list, in words for the page */
    Reader find(Workspace workspace, String as, String list) {
        if (as == null || as.isBlank()) {
            Recipient sample = SampleRecipient.forSite(workspace.site());
            return new Reader(sample, IssuePipeline.SAMPLE_LIST, null, null,
                    "the sample reader, " + sample.name() + " <" + sample.email() + ">");
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(as);
        } catch (InvalidAddressException e) {
            throw new UserInputException("render as '" + as + "': " + e.getMessage());
        }
        try {
            return directory.with(workspace, store -> subscriber(workspace, store, address, list));
        } catch (StoreException e) {
            throw new UserInputException("render as " + address + ": cannot read the subscriber store: " + e.getMessage());
        }
    }

    private Reader subscriber(Workspace workspace, Store store, EmailAddress address, String listSlug) {
        Subscriber subscriber = store.subscribers().find(address).orElseThrow(() -> new UserInputException(
                "no subscriber " + address + " in the store; add one with 'newsletter subscribers add " + address + "'"));
        MailingList list = listSlug == null || listSlug.isBlank() ? listOf(store, address) : store.lists().require(listSlug.strip());
        PersonalLinks links = new PersonalLinks(workspace.site(), new SubscriberTokens(store.settings().tokenSecret(environment)),
                workspace.sending().bounceAddress());
        PersonalLinks.Unsubscribe unsubscribe = links.unsubscribe(subscriber.id(), list.id());
        // Campaign 0, as test sends do: the preview is no campaign, but its envelope sender has the real form.
        return new Reader(new Recipient(subscriber.name(), subscriber.email(), unsubscribe.url()), list.slug(), unsubscribe.mailto(),
                links.envelopeFrom(0, subscriber.id()),
                (subscriber.name().isBlank() ? "" : subscriber.name() + " ") + "<" + subscriber.email() + "> on list " + list.slug());
    }

    /** The first list they are subscribed to, else the first they were ever on, else the first list there is. */
    private static MailingList listOf(Store store, EmailAddress address) {
        var subscriptions = store.subscribers().details(address).orElseThrow().subscriptions();
        String slug = subscriptions.stream().filter(s -> s.status() == SubscriptionStatus.SUBSCRIBED).findFirst()
                .or(() -> subscriptions.stream().findFirst())
                .map(s -> s.listSlug())
                .orElseGet(() -> store.lists().summaries().stream().findFirst().map(s -> s.list().slug())
                        .orElseThrow(() -> new UserInputException("there are no lists yet; create one with 'newsletter lists create SLUG --name NAME'")));
        return store.lists().require(slug);
    }
}
