package id.satunik.index;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The parallel 1:N iris scan: the committed prefix of an {@link IrisCodeFile} is cut into blocks of
 * {@link #BLOCK} records, the blocks are scanned on a fork-join pool of the given size, and the hits are merged
 * in {@link IrisHit#ORDER}. The result depends only on the gallery, the probe and the threshold, never on the
 * number of threads or their timing.
 *
 * <p>Thread-safe: any number of scans may run at once (they share the pool); appends may run concurrently, a scan
 * sees the records committed when it started.
 */
final class IrisScanner implements AutoCloseable {
    /** Records per task: large enough to amortise a hand-off, small enough to balance 2-64 cores. */
    static final int BLOCK = 8192;

    private final ForkJoinPool pool;
    private final int threads;

    IrisScanner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
        this.pool = new ForkJoinPool(threads);
    }

    int threads() {
        return threads;
    }

    /** The scan's outcome: the hits, best first, and how many eyes were compared. */
    record Result(List<IrisHit> hits, long comparisons) {
    }

    /** Scans one file (one eye position) with the probe's eye of that position. */
    Result scan(IrisCodeFile file, IrisProbe.Eye probe, double threshold, IrisScanKernel kernel) {
        if (probe.position() != file.position()) {
            throw new IllegalArgumentException(probe.position() + " probe eye for the " + file.position() + " store");
        }
        int size = file.size();
        MemorySegment[] chunks = file.chunks();
        if (size == 0) {
            return new Result(List.of(), 0);
        }
        List<Callable<Block>> tasks = new ArrayList<>();
        int start = 0;
        while (start < size) {
            int chunkIndex = start / IrisCodeFile.CHUNK_RECORDS;
            int firstSlot = chunkIndex * IrisCodeFile.CHUNK_RECORDS;
            int end = Math.min(size, Math.min(start + BLOCK, firstSlot + IrisCodeFile.CHUNK_RECORDS));
            MemorySegment chunk = chunks[chunkIndex];
            int from = start - firstSlot;
            int to = end - firstSlot;
            tasks.add(() -> {
                List<IrisHit> hits = new ArrayList<>();
                kernel.scan(chunk, firstSlot, from, to, probe, threshold, hits);
                return new Block(hits, to - from);
            });
            start = end; // blocks never straddle a chunk
        }
        List<IrisHit> hits = new ArrayList<>();
        long comparisons = 0;
        try {
            for (Future<Block> future : pool.invokeAll(tasks)) {
                Block block = future.get();
                hits.addAll(block.hits());
                comparisons += block.comparisons();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("iris scan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("iris scan failed", e.getCause());
        }
        hits.sort(IrisHit.ORDER);
        return new Result(List.copyOf(hits), comparisons);
    }

    private record Block(List<IrisHit> hits, long comparisons) {
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
