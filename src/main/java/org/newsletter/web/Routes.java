package org.newsletter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** The routes of a server, tried in order; the first whose path matches answers. */
public final class Routes {

    private final List<Route> routes = new ArrayList<>();

    public Routes add(Route route) {
        routes.add(route);
        return this;
    }

    public Routes addAll(Routes other) {
        routes.addAll(other.routes);
        return this;
    }

    /** The outcome of looking a request up: a handler and its path parameters, or why there is none. */
    sealed interface Match permits Found, WrongMethod, NotFound {
    }

    record Found(Handler handler, List<String> parameters) implements Match {
    }

    /** The path exists but not for this method: answered 405 with the methods it does allow. */
    record WrongMethod(Set<String> allowed) implements Match {
    }

    record NotFound() implements Match {
    }

    Match match(String method, String rawPath) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher m = route.path().matcher(rawPath);
            if (!m.matches()) {
                continue;
            }
            if (route.methods().contains(method)) {
                List<String> parameters = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    parameters.add(Optional.ofNullable(m.group(i)).orElse(""));
                }
                return new Found(route.handler(), parameters);
            }
            allowed.addAll(route.methods());
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }
}
