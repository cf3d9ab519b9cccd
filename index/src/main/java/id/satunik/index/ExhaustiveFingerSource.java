package id.satunik.index;

import id.satunik.Nik;
import id.satunik.Candidate;
import id.satunik.matcher.PersonFingerprints;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The reference: SourceAFIS against every enrolled person ({@link FingerprintGallery}), kept for
 * {@code --exhaustive} and as what tests compare the pre-selection with. Its heap gallery (every template
 * deserialized, about 30 KB a finger) is built from the person store on the first exhaustive search, not at
 * open, and kept up to date by {@link #add} from then on.
 *
 * <p>Thread-safe: loading is synchronized; the gallery supports concurrent searches.
 */
final class ExhaustiveFingerSource implements CandidateSource {
    private final PersonStore store;
    private final ExecutorService pool;
    private volatile FingerprintGallery gallery;

    ExhaustiveFingerSource(PersonStore store, ExecutorService pool) {
        this.store = store;
        this.pool = pool;
    }

    private FingerprintGallery gallery() {
        FingerprintGallery loaded = gallery;
        if (loaded == null) {
            synchronized (this) {
                loaded = gallery;
                if (loaded == null) {
                    loaded = new FingerprintGallery();
                    List<PersonRecord> persons = new ArrayList<>();
                    store.forEach(persons::add);
                    persons.sort((a, b) -> a.nik().compareTo(b.nik()));
                    for (PersonRecord person : persons) {
                        loaded.add(person.nik(), new PersonFingerprints(person.fingers()));
                    }
                    gallery = loaded;
                }
            }
        }
        return loaded;
    }

    /** A person just stored (caller holds the enrollment lock); only kept once the gallery is loaded. */
    synchronized void add(PersonRecord person, PersonFingerprints prints) {
        if (gallery != null) {
            gallery.add(person.nik(), prints);
        }
    }

    /** A person deleted or moved to a corrected NIK (caller holds the enrollment lock). */
    synchronized void remove(Nik nik) {
        if (gallery != null) {
            gallery.remove(nik);
        }
    }

    @Override
    public List<Proposal> propose(SearchProbe probe, int limit, double threshold) {
        if (probe.fingers().isEmpty()) {
            return List.of();
        }
        List<Proposal> out = new ArrayList<>();
        for (Candidate candidate : gallery().search(probe.matchers(), limit, threshold, pool)) {
            out.add(Proposal.fromStore(candidate.nik()));
        }
        return out;
    }

    @Override
    public long examined() {
        FingerprintGallery loaded = gallery;
        return loaded == null ? 0 : loaded.comparisons();
    }
}
