package org.newsletter.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;

/** One confirmation email to write: to whom, in which language, and one signed link per list they asked for. */
record ConfirmationRequest(EmailAddress to, List<Link> links, Locale language) {

    ConfirmationRequest {
        links = List.copyOf(links);
    }

    record Link(MailingList list, URI url) {
    }
}
