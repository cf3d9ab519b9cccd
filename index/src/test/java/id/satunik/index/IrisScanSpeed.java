package id.satunik.index;

import id.satunik.EyePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Scratch: single-thread kernel timing without JMH, for quick iteration. args: eyes rounds */
public class IrisScanSpeed {
    public static void main(String[] args) throws Exception {
        int eyes = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("irisspeed");
        try (IrisCodeFile file = IrisCodeFile.open(dir.resolve("g.codes"), EyePosition.RIGHT)) {
            SyntheticIrisGallery g = new SyntheticIrisGallery(1);
            g.fill(file, eyes);
            IrisProbe.Eye probe = IrisProbe.Eye.of(SyntheticIrisGallery.recapture(g.eye(100, EyePosition.RIGHT), 1, 0.2, 3));
            for (int round = 0; round < Integer.parseInt(args[1]); round++) {
                for (IrisScanKernel k : new IrisScanKernel[] {IrisPlainScan.INSTANCE, IrisVectorScan.INSTANCE}) {
                    long t0 = System.nanoTime();
                    List<IrisHit> hits = new ArrayList<>();
                    int size = file.size();
                    for (int start = 0; start < size; start += IrisCodeFile.CHUNK_RECORDS) {
                        int n = Math.min(IrisCodeFile.CHUNK_RECORDS, size - start);
                        k.scan(file.chunkOf(start), start, 0, n, probe, 0.32, hits);
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("%s: %.2f M comparisons/s (%d hits)%n", k.getClass().getSimpleName(),
                            size / s / 1e6, hits.size());
                }
            }
        }
    }
}
