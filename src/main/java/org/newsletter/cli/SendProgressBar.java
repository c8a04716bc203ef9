package org.newsletter.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.newsletter.model.DeliveryState;
import org.newsletter.send.SendProgress;

/** Sent / failed counts, rate and time left on stderr while a campaign runs; only when a person is watching. */
final class SendProgressBar implements SendProgress, AutoCloseable {

    private final ProgressBar bar;
    private long accepted;
    private long failed;
    private long retrying;

    private SendProgressBar(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar when there is a terminal, otherwise a listener that prints nothing. */
    static SendProgressBar open(Terminal terminal, long total) {
        if (!terminal.interactive() || total <= 0) {
            return new SendProgressBar(null);
        }
        return new SendProgressBar(new ProgressBarBuilder()
                .setTaskName("Sending")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" msg", 1)
                .showSpeed()
                .build());
    }

    @Override
    public void recorded(DeliveryState state, int count) {
        switch (state) {
            case ACCEPTED -> accepted += count;
            case FAILED_PERMANENT, FAILED_TEMPORARY -> failed += count;
            case QUEUED -> retrying += count;
            default -> {
                // skipped and sending are not outcomes of a send
            }
        }
        if (bar != null && state != DeliveryState.QUEUED) {
            bar.stepBy(count);
            bar.setExtraMessage("sent " + accepted + ", failed " + failed + (retrying > 0 ? ", retried " + retrying : ""));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
