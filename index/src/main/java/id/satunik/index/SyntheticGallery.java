package id.satunik.index;

import id.satunik.Durability;
import id.satunik.EngineOptions;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.Sex;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.IrisTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Fills a store with synthetic persons for speed, memory and capacity figures ({@code satunik generate}): valid
 * NIKs, plausible demographics, fingers from {@link SyntheticFingerprints} and eyes from {@link SyntheticIrisGallery},
 * committed as the engine commits an enrollment ({@link StoreCommits}: journal, iris codes, finger index, then the
 * person record), with no search and no fsync per person. Person {@code i} depends only on the seed and {@code i}.
 *
 * <p>Not thread-safe: one generation per store at a time (it holds the store's lock).
 */
public final class SyntheticGallery {
    private static final String[] NAMES = {"Siti Aminah", "Muhammad Rizki", "Dewi Lestari", "Agus Setiawan",
        "Nur Hidayah", "Budi Santoso", "Sri Wahyuni", "Ahmad Fauzi", "Putu Ayu", "Yohanes Tanoto"};
    private static final int BATCH = 256;

    private SyntheticGallery() {
    }

    /**
     * Appends persons {@code first .. first + count - 1} of the synthetic population with {@code fingers} fingers
     * each (positions in ISO order from the right thumb) and both eyes when {@code irises}.
     *
     * @param progress receives the number of persons written so far, now and then
     * @throws IllegalArgumentException when one of the persons is already enrolled
     */
    public static void generate(EngineOptions options, int first, int count, int fingers, boolean irises, long seed,
                                LongConsumer progress) {
        if (fingers < 0 || fingers > FingerPosition.values().length || (fingers == 0 && !irises)) {
            throw new IllegalArgumentException("fingers must be 1-10 (or 0 with irises), was " + fingers);
        }
        try {
            Files.createDirectories(options.store());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store folder " + options.store(), e);
        }
        Path dir = options.store();
        try (StoreIdentity lock = StoreIdentity.open(dir)) {
            TemplateCipher cipher = TemplateCipher.forStore(dir, options.key(),
                    !ChronicleMapPersonStore.exists(dir) && !Files.exists(dir.resolve(Journal.FILE)));
            generate(dir, lock, cipher, options, first, count, fingers, irises, seed, progress);
        }
    }

    private static void generate(Path dir, StoreIdentity lock, TemplateCipher cipher, EngineOptions options, int first, int count,
                                 int fingers, boolean irises, long seed, LongConsumer progress) {
        SyntheticFingerprints prints = new SyntheticFingerprints(seed);
        SyntheticIrisGallery eyes = new SyntheticIrisGallery(seed);
        List<FingerPosition> positions = List.of(FingerPosition.values()).subList(0, fingers);
        try (ChronicleMapPersonStore store = ChronicleMapPersonStore.open(dir,
                     Math.max(options.capacity(), (long) first + count), cipher, lock.id(), lock.created(), false);
             FingerIndex index = FingerIndex.open(dir, lock.id(), lock.created());
             IrisGallery irisGallery = new IrisGallery(dir, 1, IrisVectorScan.INSTANCE, lock.id());
             DemographicIndex demographics = DemographicIndex.open(dir, lock.id(), cipher.encrypts());
             StoreCommits commits = StoreCommits.open(dir, store, index, irisGallery, demographics, cipher,
                     Durability.NONE);
             ExecutorService pool = Executors.newFixedThreadPool(options.threads())) {
            lock.markReady(); // every file of a new store exists, as in DefaultDedupEngine.open
            for (int from = first; from < first + count; from += BATCH) {
                List<Future<Person>> made = new ArrayList<>();
                for (int i = from; i < Math.min(first + count, from + BATCH); i++) {
                    int person = i;
                    made.add(pool.submit(() -> make(prints, eyes, person, positions, irises)));
                }
                for (Future<Person> future : made) {
                    Person p = future.get();
                    if (store.contains(p.nik())) {
                        throw new IllegalArgumentException("person " + p.nik() + " is already in " + options.store());
                    }
                    // Through the commit protocol like any enrollment: journalled, so the generated store verifies,
                    // backs up and restores (no fsync per person: the files are forced at checkpoints and close).
                    commits.enroll(new PersonRecord(p.nik(), p.name(), p.birthDate(), p.nik().sex(), "DKI JAKARTA",
                            Instant.EPOCH, p.templates()), p.eyes(), p.minutiae(), Instant.EPOCH);
                }
                progress.accept(Math.min(count, from + BATCH - first));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generation failed: " + e.getCause(), e.getCause());
        }
    }

    private record Person(Nik nik, String name, LocalDate birthDate, List<FingerTemplate> templates,
                          Map<FingerPosition, FingerMinutiae> minutiae, List<IrisTemplate> eyes) {
    }

    private static Person make(SyntheticFingerprints prints, SyntheticIrisGallery eyes, int i,
                               List<FingerPosition> positions, boolean irises) {
        Nik nik = Nik.fromLong(SyntheticFingerprints.nikOf(i));
        List<FingerTemplate> templates = new ArrayList<>(positions.size());
        Map<FingerPosition, FingerMinutiae> minutiae = new EnumMap<>(FingerPosition.class);
        for (FingerPosition position : positions) {
            FingerTemplate template = prints.finger(i, position);
            templates.add(template);
            minutiae.put(position, FingerMinutiae.parse(template.bytes()));
        }
        List<IrisTemplate> iris = irises
                ? List.of(eyes.eye(i, EyePosition.RIGHT), eyes.eye(i, EyePosition.LEFT)) : List.of();
        int year = nik.birthYearOfCentury() + (nik.birthYearOfCentury() > 25 ? 1900 : 2000);
        LocalDate birth = LocalDate.of(year, nik.birthMonth(), nik.birthDay());
        return new Person(nik, NAMES[i % NAMES.length], birth, templates, minutiae, iris);
    }

    /**
     * The synthetic persons as records that travel (a cluster's gallery filled with exactly the persons
     * {@link #generate} writes into one store, for cluster-against-one-node figures): person {@code i} of the
     * returned function is person {@code i} of a store generated with the same arguments.
     *
     * <p>The function is thread-safe.
     */
    public static java.util.function.IntFunction<ShardRecord> records(int fingers, boolean irises, long seed) {
        SyntheticFingerprints prints = new SyntheticFingerprints(seed);
        SyntheticIrisGallery eyes = new SyntheticIrisGallery(seed);
        List<FingerPosition> positions = List.of(FingerPosition.values()).subList(0, fingers);
        return i -> {
            Person p = make(prints, eyes, i, positions, irises);
            return new ShardRecord(p.nik().value(), p.name(), p.birthDate(), p.nik().sex(), "DKI JAKARTA",
                    p.templates(), p.eyes(), List.of(), List.of());
        };
    }

    /** The synthetic NIK of person {@code i}, for probes planted among them. */
    public static String nikOf(int i) {
        return Nik.fromLong(SyntheticFingerprints.nikOf(i)).value();
    }
}
