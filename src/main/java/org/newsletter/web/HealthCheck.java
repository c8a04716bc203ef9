package org.newsletter.web;

import java.util.List;
import org.newsletter.store.StorePool;

/**
 * {@code GET /healthz}, for a load balancer or monitor: 200 when the database answers, 503 when it does
 * not. The first line is "ok", or "problems" when background work is failing, which does not take the
 * pages (and so unsubscribing) out of a load balancer; then one line for the database and one for each
 * piece of background work.
 */
final class HealthCheck {

    private final StorePool stores;
    private final List<BackgroundWork> work;

    HealthCheck(StorePool stores, List<BackgroundWork> work) {
        this.stores = stores;
        this.work = List.copyOf(work);
    }

    Routes routes() {
        return new Routes().add(Route.get("/healthz", request -> answer()));
    }

    private Response answer() {
        if (!stores.with(store -> store.ping())) {
            return Response.text(503, "database unavailable\n");
        }
        StringBuilder lines = new StringBuilder("database: ok\n");
        boolean ok = true;
        for (BackgroundWork each : work) {
            BackgroundWork.Health health = each.health();
            ok &= health.ok();
            lines.append(each.name()).append(": ").append(health.ok() ? "ok" : "failing").append(", ").append(health.detail()).append('\n');
        }
        return Response.text(200, (ok ? "ok\n" : "problems\n") + (work.isEmpty() ? "" : lines));
    }
}
