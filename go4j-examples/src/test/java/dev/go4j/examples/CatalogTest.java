package dev.go4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The catalogue lists every example of book-examples.md once, in book order, and finds them by ID or name. */
@Timeout(60)
class CatalogTest {

    @Test
    void everyBookIdIsListedOnce() {
        List<String> ids = Catalog.entries().stream().map(Catalog.Entry::id).filter(id -> !id.equals("DEMO")).toList();
        assertEquals(98, ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size());
        Set<String> chapters = new HashSet<>();
        Catalog.entries().forEach(e -> chapters.add(e.chapter()));
        assertEquals(Set.of("go4j", "1", "3", "4", "5", "6", "A"), chapters);
        assertTrue(ids.containsAll(List.of("C1-01", "C3-39", "C4-32", "C5-16", "C6-01", "A-03")));
    }

    @Test
    void pendingEntriesSayWhy() {
        Catalog.entries().stream().filter(e -> !e.ported())
                .forEach(e -> assertTrue(e.status().startsWith("pending: ") || e.status().startsWith("not portable: "), e.id()));
    }

    @Test
    void findsByIdOrClassName() {
        assertEquals("C4-23", Catalog.find("c4-23").orElseThrow().id());
        assertEquals("C4-23", Catalog.find("TeeChannel").orElseThrow().id());
    }

    @Test
    void listShowsEveryId() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Catalog.list(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String listing = bytes.toString(StandardCharsets.UTF_8);
        Catalog.entries().forEach(e -> assertTrue(listing.contains(e.id() + " "), e.id()));
    }
}
