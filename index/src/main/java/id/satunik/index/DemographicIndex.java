package id.satunik.index;

import id.satunik.DemographicHit;
import id.satunik.DemographicQuery;
import id.satunik.Nik;
import id.satunik.Sex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The demographic index of a store: one Lucene document per live person (NIK, name, birth date, sex, region) in
 * the folder {@value #FOLDER} of the store, changed by {@link StoreCommits} in the same step as the person store
 * and committed at its checkpoints. Each commit records the journal entry it holds, the store it belongs to and
 * the version of the name analysis, so that on open the journal entries after it are redone on it too; an index
 * that is missing, damaged, of another store, of an older analysis, or behind the store's checkpoint is rebuilt
 * from the person store ({@link #committedSeq} says -1).
 *
 * <p>A store encrypted at rest keeps its demographics sealed in the person store; its index then lives in memory
 * only and is rebuilt at every open, so that no name is written in the clear.
 *
 * <p>Thread-safe: Lucene's {@link IndexWriter} and {@link SearcherManager} are; the engine changes it under its
 * enrollment lock, searches run concurrently and see every change made before they began.
 */
final class DemographicIndex implements AutoCloseable {
    static final String FOLDER = "demographics";
    /** Raised whenever the analysis changes what terms a name gives: an index of another version is rebuilt. */
    static final String ANALYSIS_VERSION = "1";

    static final String NIK = "nik";
    static final String NAME = "name";
    static final String BIRTH = "birth";
    static final String BIRTH_YEAR = "birthYear";
    static final String SEX = "sex";
    static final String REGION = "region";

    private static final String SEQ_KEY = "seq";
    private static final String STORE_KEY = "store";
    private static final String VERSION_KEY = "analysis";

    private final Path folder;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final UUID store;
    private final long committedSeq;

    private DemographicIndex(Path folder, Directory directory, IndexWriter writer, UUID store, long committedSeq)
            throws IOException {
        this.folder = folder;
        this.directory = directory;
        this.writer = writer;
        this.store = store;
        this.committedSeq = committedSeq;
        this.searchers = new SearcherManager(writer, null);
    }

    static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(),
                Map.of(NAME, new NameAnalyzer(), REGION, new RegionAnalyzer()));
    }

    /**
     * Opens the index of the store in {@code dir}, on disk, or in memory when {@code inMemory} (an encrypted
     * store). A damaged or foreign index is discarded: it is derived data, rebuilt from the person store.
     */
    static DemographicIndex open(Path dir, UUID store, boolean inMemory) {
        Path folder = dir.resolve(FOLDER);
        if (inMemory) {
            try {
                return create(folder, new ByteBuffersDirectory(), store, -1, IndexWriterConfig.OpenMode.CREATE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long seq = committedSeqIn(folder, store);
        try {
            if (seq < 0 && Files.exists(folder)) {
                deleteTree(folder);
            }
            return create(folder, FSDirectory.open(folder), store, seq, seq < 0
                    ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the demographic index " + folder + ": " + e.getMessage(), e);
        }
    }

    private static DemographicIndex create(Path folder, Directory directory, UUID store, long seq,
                                           IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer()).setOpenMode(mode)
                // only StoreCommits' checkpoints commit: a commit always names the journal entry it holds
                .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            return new DemographicIndex(folder, directory, writer, store, seq);
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** The journal entry the index on disk holds; -1 when there is none usable (missing, damaged, foreign, old). */
    private static long committedSeqIn(Path folder, UUID store) {
        if (!Files.isDirectory(folder)) {
            return -1;
        }
        try (Directory directory = FSDirectory.open(folder)) {
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            if (!ANALYSIS_VERSION.equals(data.get(VERSION_KEY))
                    || !String.valueOf(store).equals(data.get(STORE_KEY)) || data.get(SEQ_KEY) == null) {
                return -1;
            }
            return Long.parseLong(data.get(SEQ_KEY));
        } catch (IOException | RuntimeException e) {
            return -1; // no commit, a torn or damaged one: rebuild
        }
    }

    /** The journal entry the index held when opened, -1 when it must be rebuilt. */
    long committedSeq() {
        return committedSeq;
    }

    /** Adds or replaces the person's document. */
    void put(Nik nik, String name, LocalDate birthDate, Sex sex, String region) {
        Document doc = new Document();
        doc.add(new StringField(NIK, nik.value(), Field.Store.YES));
        doc.add(new SortedDocValuesField(NIK, new BytesRef(nik.value())));
        if (name != null) {
            doc.add(new TextField(NAME, name, Field.Store.YES));
        }
        if (birthDate != null) {
            doc.add(new StringField(BIRTH, birthDate.toString(), Field.Store.YES));
            doc.add(new StringField(BIRTH_YEAR, Integer.toString(birthDate.getYear()), Field.Store.NO));
        }
        if (sex != null) {
            doc.add(new StringField(SEX, sex.code(), Field.Store.YES));
        }
        if (region != null) {
            doc.add(new TextField(REGION, region, Field.Store.YES));
        }
        try {
            writer.updateDocument(new Term(NIK, nik.value()), doc);
        } catch (IOException e) {
            throw failure("index", e);
        }
    }

    void put(PersonRecord person) {
        put(person.nik(), person.name(), person.birthDate(), person.sex(), person.region());
    }

    void remove(Nik nik) {
        try {
            writer.deleteDocuments(new Term(NIK, nik.value()));
        } catch (IOException e) {
            throw failure("index", e);
        }
    }

    /** Replaces the whole index with the store's live persons and commits it as holding entry {@code seq}. */
    void rebuild(PersonStore persons, long seq) {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw failure("rebuild", e);
        }
        persons.forEach(this::put);
        commit(seq);
    }

    /** Makes every change durable, recorded as holding the journal up to entry {@code seq}. */
    void commit(long seq) {
        writer.setLiveCommitData(Map.of(SEQ_KEY, Long.toString(seq), STORE_KEY, String.valueOf(store),
                VERSION_KEY, ANALYSIS_VERSION).entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw failure("commit", e);
        }
    }

    /** Live persons in the index, every change so far included. */
    long size() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /** Every NIK in the index, every change so far included (verification). */
    List<String> niks() {
        IndexSearcher searcher = acquire();
        try {
            List<String> niks = new ArrayList<>();
            StoredFields stored = searcher.storedFields();
            var reader = searcher.getIndexReader();
            for (var leaf : reader.leaves()) {
                var live = leaf.reader().getLiveDocs();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        niks.add(stored.document(leaf.docBase + doc).get(NIK));
                    }
                }
            }
            return niks;
        } catch (IOException e) {
            throw failure("read", e);
        } finally {
            release(searcher);
        }
    }

    /** The best {@code query.limit()} persons for the query, most alike first, ties by NIK. */
    List<DemographicHit> search(DemographicQuery query) {
        Query lucene = DemographicQueries.of(query);
        if (lucene == null) {
            return List.of();
        }
        IndexSearcher searcher = acquire();
        try {
            Sort ranking = new Sort(SortField.FIELD_SCORE, new SortField(NIK, SortField.Type.STRING));
            ScoreDoc[] docs = searcher.search(lucene, query.limit(), ranking, true).scoreDocs;
            StoredFields stored = searcher.storedFields();
            List<DemographicHit> hits = new ArrayList<>(docs.length);
            for (ScoreDoc scored : docs) {
                Document doc = stored.document(scored.doc);
                String birth = doc.get(BIRTH);
                String sex = doc.get(SEX);
                float score = scored instanceof FieldDoc field && field.fields[0] instanceof Float f ? f : scored.score;
                hits.add(new DemographicHit(Nik.parse(doc.get(NIK)), doc.get(NAME),
                        birth == null ? null : LocalDate.parse(birth), sex == null ? null : Sex.parse(sex),
                        doc.get(REGION), score));
            }
            return hits;
        } catch (IOException e) {
            throw failure("search", e);
        } finally {
            release(searcher);
        }
    }

    private IndexSearcher acquire() {
        try {
            searchers.maybeRefreshBlocking();
            return searchers.acquire();
        } catch (IOException e) {
            throw failure("refresh", e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw failure("release", e);
        }
    }

    private UncheckedIOException failure(String what, IOException e) {
        return new UncheckedIOException("demographic index " + folder + ": " + what + " failed: " + e.getMessage(), e);
    }

    /** Size of the index files on disk (store statistics); 0 in memory. */
    long bytes() {
        if (!(directory instanceof FSDirectory) || !Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a segment merged away while listing
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Closes without committing: what the last checkpoint did not commit is redone from the journal. */
    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw failure("close", e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
