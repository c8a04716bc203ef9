package org.newsletter.compose;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/** Reads a user's text file as strict UTF-8 with a size limit, so a wrong or binary file is an error, not garbage. */
final class SourceFile {

    /** Far above any real newsletter; protects the renderer and the 102 KB email budget from accidents. */
    static final long MAX_BYTES = 2L << 20;

    private SourceFile() {
    }

    static String read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw InvalidInputException.at(SourcePosition.of(file),
                        "file is " + size / 1024 + " KB; the limit is " + MAX_BYTES / 1024 + " KB");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return text.replace("\r\n", "\n");
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(SourcePosition.of(file), "file not found");
        } catch (CharacterCodingException e) {
            throw InvalidInputException.at(SourcePosition.of(file), "not valid UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(file), "cannot read: " + e.getMessage());
        }
    }
}
