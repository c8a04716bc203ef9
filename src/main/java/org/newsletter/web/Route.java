package org.newsletter.web;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path pattern, the methods it answers and its handler. The pattern must match the whole raw path;
 * its groups become the request's path parameters.
 */
public record Route(Set<String> methods, Pattern path, Handler handler) {

    public static Route get(String regex, Handler handler) {
        return new Route(Set.of("GET", "HEAD"), Pattern.compile(regex), handler);
    }

    public static Route post(String regex, Handler handler) {
        return new Route(Set.of("POST"), Pattern.compile(regex), handler);
    }

    public static Route getAndPost(String regex, Handler handler) {
        return new Route(Set.of("GET", "HEAD", "POST"), Pattern.compile(regex), handler);
    }
}
