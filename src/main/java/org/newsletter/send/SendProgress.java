package org.newsletter.send;

import org.newsletter.model.DeliveryState;

/** Told about each recorded outcome, for a progress bar; called on the coordinating thread only. */
public interface SendProgress {

    SendProgress NONE = (state, count) -> { };

    void recorded(DeliveryState state, int count);
}
