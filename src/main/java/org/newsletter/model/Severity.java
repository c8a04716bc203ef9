package org.newsletter.model;

/** How bad a finding is: errors stop a build or send, warnings are printed and allowed. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return this == ERROR ? "error" : "warning";
    }
}
