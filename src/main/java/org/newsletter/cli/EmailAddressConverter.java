package org.newsletter.cli;

import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets commands take an {@link EmailAddress} argument: a bad address is a usage error naming why. */
final class EmailAddressConverter implements ITypeConverter<EmailAddress> {

    @Override
    public EmailAddress convert(String value) {
        try {
            return EmailAddress.parse(value);
        } catch (InvalidAddressException e) {
            throw new TypeConversionException("'" + value + "' is not a valid e-mail address: " + e.getMessage());
        }
    }
}
