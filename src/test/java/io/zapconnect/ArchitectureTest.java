package io.zapconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers' arrows, read off the sources: none points back up, and nothing but the sandbox names
 * the sandbox, and nothing names the demo's sign-in (the product WAR ships without either).
 */
class ArchitectureTest {

    static final Path SOURCES = Path.of("src/main/java/io/zapconnect");

    /** The files of a package that name another package (by import or fully qualified). */
    static List<String> referencing(String from, String to) {
        Pattern named = Pattern.compile("\\bio\\.zapconnect\\." + to + "\\b");
        try (Stream<Path> files = Files.walk(SOURCES.resolve(from))) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> named.matcher(read(f)).find())
                    .map(f -> SOURCES.relativize(f).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void nothingButTheSandboxNamesTheSandbox() {
        for (String layer : List.of("client", "model", "error", "service", "account", "store", "config", "security", "event", "web")) {
            assertEquals(List.of(), referencing(layer, "sandbox"), layer);
        }
    }

    @Test
    void noProductPackageNamesTheDemo() {
        for (String layer : List.of("client", "model", "error", "service", "account", "store", "config", "security",
                "event", "web", "sandbox")) {
            assertEquals(List.of(), referencing(layer, "demo"), layer);
        }
    }

    @Test
    void noLayerBelowTheWebNamesIt() {
        for (String layer : List.of("client", "model", "error", "service", "account", "store", "config", "security",
                "event")) {
            assertEquals(List.of(), referencing(layer, "web"), layer);
        }
    }

    /** Who is calling is asked of the container in one place ({@code security.Callers}), not by the facade. */
    @Test
    void onlyTheWebAndSecurityPackagesAndTheDemoUseTheServletApi() throws IOException {
        for (String layer : List.of("client", "model", "error", "service", "account", "store", "config")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/zapconnect", layer))) {
                List<String> servlet = files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> read(f).contains("import jakarta.servlet.")).map(Path::toString).toList();
                assertEquals(List.of(), servlet, layer);
            }
        }
    }

    /** The events are the host's contract: they name nothing of Zapconnect's, so that observing costs no coupling. */
    @Test
    void theEventsNameNoOtherPackage() {
        for (String other : List.of("client", "model", "error", "service", "account", "store", "config", "security",
                "web", "sandbox", "demo")) {
            assertEquals(List.of(), referencing("event", other), other);
        }
    }

    @Test
    void theStoreNamesNoLayerAboveIt() {
        for (String above : List.of("client", "service", "account", "web")) {
            assertEquals(List.of(), referencing("store", above), above);
        }
    }

    @Test
    void theRulesReadTheSources() {
        assertTrue(referencing("web", "service").size() > 3, "web uses the service layer, as these rules can see");
    }
}
