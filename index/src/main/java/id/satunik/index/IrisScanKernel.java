package id.satunik.index;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Compares one probe eye with a run of records of one mapped chunk (all of the probe eye's position) and reports
 * those within the threshold. Two implementations that must report exactly the same hits: the plain scalar loop
 * (the reference) and the vectorised one (the fast path).
 *
 * <p>Implementations are stateless and thread-safe.
 */
sealed interface IrisScanKernel permits IrisPlainScan, IrisVectorScan {

    /**
     * @param chunk     a mapped chunk of an {@link IrisCodeFile}
     * @param firstSlot slot number of the chunk's first record
     * @param from      first record (index within the chunk)
     * @param to        end of the run (exclusive)
     * @param out       receives the hits, in slot order
     */
    void scan(MemorySegment chunk, int firstSlot, int from, int to, IrisProbe.Eye probe, double threshold,
              List<IrisHit> out);
}
