package dev.jwtauth.examples.notes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Notes in memory, by owner (the token's {@code upn}); a restart forgets them. This example is about trust, not
 * storage. Each owner's list is immutable and replaced whole, so a reader never sees a half-made change.
 */
@ApplicationScoped
public class NoteStore {

    private final Map<String, List<Note>> notesByOwner = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    public List<Note> of(String owner) {
        return notesByOwner.getOrDefault(owner, List.of());
    }

    public Optional<Note> find(String owner, String id) {
        return of(owner).stream().filter(note -> note.id().equals(id)).findFirst();
    }

    public Note add(String owner, String text) {
        var note = new Note(UUID.randomUUID().toString(), text, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        notesByOwner.merge(owner, List.of(note), (mine, added) -> Stream.concat(mine.stream(), added.stream()).toList());
        return note;
    }

    public void deleteAllOf(String owner) {
        notesByOwner.remove(owner);
    }

    /** How many notes each owner has, by name. */
    public Map<String, Integer> counts() {
        var counts = new TreeMap<String, Integer>();
        notesByOwner.forEach((owner, notes) -> counts.put(owner, notes.size()));
        return counts;
    }
}
