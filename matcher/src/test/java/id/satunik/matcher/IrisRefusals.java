package id.satunik.matcher;

import java.nio.file.Path;

/** Scratch: prints every refusal of a folder. */
public class IrisRefusals {
    public static void main(String[] args) throws Exception {
        for (IrisEvaluation.Sample s : IrisEvaluation.extract(IrisEvaluation.images(Path.of(args[0])))) {
            if (s.refusal() != null) {
                System.out.println(s.file().getFileName() + ": " + s.refusal());
            } else if (s.template().usableFraction() < 0.45) {
                System.out.println(s.file().getFileName() + " usable " + s.template().usableFraction());
            }
        }
    }
}
