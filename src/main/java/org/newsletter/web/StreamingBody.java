package org.newsletter.web;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written while the connection stays open, such as a stream of server-sent events.
 * It holds a worker thread for as long as it writes, so a server offering one must cap how many run
 * at once. An IOException from {@code out} means the client went away.
 */
@FunctionalInterface
public interface StreamingBody {

    void writeTo(OutputStream out) throws IOException;
}
