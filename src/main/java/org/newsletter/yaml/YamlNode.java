package org.newsletter.yaml;

import org.newsletter.model.SourcePosition;

/** A YAML value that remembers where it was written, so errors can name the file and line. */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    SourcePosition position();

    /** How the value is described in an error message: "a map", "a list" or "a value". */
    String kind();
}
