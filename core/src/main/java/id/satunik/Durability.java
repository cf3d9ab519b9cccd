package id.satunik;

/**
 * When an engine forces its write-ahead journal (and audit log) to disk, and so when a decision is reported:
 * only after it is durable at this level.
 *
 * <ul>
 *   <li>{@link #RECORD}: fsync after every journalled change, before its decision is reported;</li>
 *   <li>{@link #BATCH} (default): fsync once per group of decisions in {@code dedupAll} (and per call in
 *       {@code dedup}/{@code enroll}/{@code delete}/{@code update}); a batch's decisions are handed out after it;</li>
 *   <li>{@link #NONE}: no fsync; the OS writes the pages back when it likes (survives a killed process, not a
 *       power cut).</li>
 * </ul>
 */
public enum Durability {
    NONE, BATCH, RECORD
}
