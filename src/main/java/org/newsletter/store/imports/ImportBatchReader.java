package org.newsletter.store.imports;

import java.util.Iterator;
import org.newsletter.store.StoreException;
import org.newsletter.store.csv.ReadResult;
import org.newsletter.store.internal.DetailsJson;
import org.newsletter.store.internal.EmailHasher;

/** The reading thread: turns rows into batches and hands them over through a short queue. */
final class ImportBatchReader implements Runnable {
    static final ImportBatch END = new ImportBatch();
    private final Iterator<? extends ReadResult> rows;
    private final AddressFilter filter;
    private final SubscriberCopyRow copyRows;
    /** Null unless addresses are to be hashed (for the suppression and withdrawn-consent lookups); this thread's own. */
    private final EmailHasher hasher;
    private final DetailsJson json = new DetailsJson();
    private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(2);

    /**
     * @param filter null, or a filter this thread then owns ({@link ImportBatch#seal})
     * @param copyRows null, or how to make PostgreSQL's COPY rows for new people
     * @param hash whether to hash each address here, so the writing thread (the import's critical path) need not
     */
    ImportBatchReader(Iterator<? extends ReadResult> rows, AddressFilter filter, SubscriberCopyRow copyRows, boolean hash) {
        this.hasher = hash ? new EmailHasher() : null;
        this.rows = rows;
        this.filter = filter;
        this.copyRows = copyRows;
    }

    @Override
    public void run() {
        try {
            ImportBatch batch = new ImportBatch();
            while (rows.hasNext()) {
                batch.add(rows.next());
                if (batch.size() >= SubscriberImport.BATCH || batch.skips.size() >= SubscriberImport.BATCH) {
                    batch.seal(json, filter, copyRows, hasher);
                    queue.put(batch);
                    batch = new ImportBatch();
                }
            }
            batch.seal(json, filter, copyRows, hasher);
            queue.put(batch);
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Handed to the writing thread, which rolls back and reports it.
            try {
                queue.put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    ImportBatch next() {
        try {
            Object next = queue.take();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (ImportBatch) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("import interrupted", e);
        }
    }
}
