package org.newsletter.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, so it is set in one place (the pom). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"newsletter " + (version == null ? "development build" : version),
                "Java " + System.getProperty("java.version")};
    }
}
