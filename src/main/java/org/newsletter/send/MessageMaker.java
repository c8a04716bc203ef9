package org.newsletter.send;

import org.newsletter.mail.OutgoingMessage;
import org.newsletter.store.DeliveryClaim;

/** Builds one recipient's message of a campaign; called from several sender threads at once. */
public interface MessageMaker {

    OutgoingMessage make(DeliveryClaim claim);
}
