package org.newsletter.model;

/**
 * How often one tracked link of a campaign was followed.
 *
 * @param index     the link's place in the campaign's list of tracked links, from 0
 * @param url       where {@code /c/} sends people: the link as the issue had it (with UTM parameters, if on)
 * @param human     GET requests that looked like a person
 * @param automated requests that looked like a link scanner (HEAD, a known scanner, or soon after delivery)
 */
public record LinkClicks(int index, String url, long human, long automated) {
}
