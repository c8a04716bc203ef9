package org.newsletter.web;

import org.newsletter.store.StorePool;

/** {@code GET /healthz}: 200 "ok" when the database answers, 503 when it does not, for a load balancer or monitor. */
final class HealthCheck {

    private final StorePool stores;

    HealthCheck(StorePool stores) {
        this.stores = stores;
    }

    Routes routes() {
        return new Routes().add(Route.get("/healthz", request -> stores.with(store -> store.ping())
                ? Response.text(200, "ok\n")
                : Response.text(503, "database unavailable\n")));
    }
}
