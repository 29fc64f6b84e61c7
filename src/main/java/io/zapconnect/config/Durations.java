package io.zapconnect.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration setting written as people write them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms}, or ISO-8601. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    /**
     * @param text {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms}, {@code 2d}, a bare number of seconds,
     *        or ISO-8601 such as {@code PT1H}
     * @throws IllegalArgumentException when the text is none of these, or negative
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (DateTimeParseException notIso) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("must be a duration such as 30s, 5m, 1h or PT1H; got \"" + text + "\"");
    }
}
