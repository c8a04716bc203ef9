package org.newsletter.cli;

import java.time.LocalDate;
import org.newsletter.model.InvalidDateException;
import org.newsletter.model.IsoDate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets commands take a date: a bad one is a usage error saying what is wrong in words ("November has 30 days"). */
final class DateConverter implements ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        try {
            return IsoDate.parse(value);
        } catch (InvalidDateException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
