package id.satunik.matcher;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Accuracy of iris extraction + matching on a labelled CASIA folder: genuine and impostor distance distributions,
 * EER, FNMR at fixed FMRs, refusals. Used by the accuracy report test and for tuning.
 */
final class IrisEvaluation {
    /** One extracted image: its eye label and template, or the refusal. */
    record Sample(Path file, String eye, String session, IrisTemplate template, String refusal) {
    }

    private static final Pattern INTERVAL = Pattern.compile("S1(\\d{3})([LR])(\\d{2})\\.jpg");
    private static final Pattern V1 = Pattern.compile("(\\d{3})_(\\d)_(\\d)\\.jpg");

    /** Eye label and session of a CASIA file name, or null for files that are not images of the set. */
    static String[] label(String name) {
        Matcher m = INTERVAL.matcher(name);
        if (m.matches()) {
            return new String[] {m.group(1) + m.group(2), ""};
        }
        m = V1.matcher(name);
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2)};
        }
        return null;
    }

    static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> label(p.getFileName().toString()) != null).sorted().toList();
        }
    }

    static List<Sample> extract(List<Path> files) {
        IrisExtractor extractor = new IrisExtractor();
        Map<Path, Sample> out = new ConcurrentHashMap<>();
        files.parallelStream().forEach(p -> {
            String[] label = label(p.getFileName().toString());
            try {
                IrisTemplate t = extractor.extract(EyePosition.RIGHT, ImageSource.of(p));
                out.put(p, new Sample(p, label[0], label[1], t, null));
            } catch (InvalidInputException e) {
                out.put(p, new Sample(p, label[0], label[1], null, e.reason()));
            }
        });
        return files.stream().map(out::get).toList();
    }

    /** Distances of all genuine pairs (same eye; different sessions only if crossSession) and all impostor pairs. */
    record Distances(double[] genuine, double[] impostor, int[] genuineBits, int[] impostorShifts) {
    }

    static final java.util.concurrent.atomic.AtomicIntegerArray SHIFTS = new java.util.concurrent.atomic.AtomicIntegerArray(IrisCode.ROTATIONS);

    static Distances compareAll(List<Sample> samples, boolean crossSession) {
        List<Sample> ok = samples.stream().filter(s -> s.template() != null).toList();
        int n = ok.size();
        double[][] gen = new double[n][];
        double[][] imp = new double[n][];
        int[][] bits = new int[n][];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            double[] g = new double[n];
            double[] im = new double[n];
            int[] b = new int[n];
            int ng = 0;
            int ni = 0;
            for (int j = i + 1; j < n; j++) {
                Sample a = ok.get(i);
                Sample c = ok.get(j);
                boolean same = a.eye().equals(c.eye());
                if (same && crossSession && a.session().equals(c.session())) {
                    continue;
                }
                IrisMatcher.Comparison cmp = IrisMatcher.compare(a.template(), c.template());
                if (same) {
                    SHIFTS.incrementAndGet(cmp.shift() + IrisCode.MAX_SHIFT);
                    b[ng] = cmp.compared();
                    g[ng++] = cmp.distance();
                } else {
                    im[ni++] = cmp.distance();
                }
            }
            gen[i] = Arrays.copyOf(g, ng);
            imp[i] = Arrays.copyOf(im, ni);
            bits[i] = Arrays.copyOf(b, ng);
        });
        return new Distances(flatten(gen), flatten(imp), flattenInt(bits), null);
    }

    private static double[] flatten(double[][] parts) {
        int total = 0;
        for (double[] p : parts) {
            total += p.length;
        }
        double[] out = new double[total];
        int k = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    private static int[] flattenInt(int[][] parts) {
        int total = 0;
        for (int[] p : parts) {
            total += p.length;
        }
        int[] out = new int[total];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    /** Summary figures of a genuine/impostor distance distribution. */
    record Summary(int genuine, int impostor, double genuineMean, double genuineSd, double impostorMean,
                   double impostorSd, double degreesOfFreedom, double eer, double eerThreshold,
                   double thresholdAtFmr1e3, double fnmrAtFmr1e3, double thresholdAtFmr1e4, double fnmrAtFmr1e4,
                   double minImpostor, double maxGenuine) {
        String format() {
            return String.format(Locale.ROOT,
                    "genuine %d pairs: mean %.4f sd %.4f (max %.4f)%n"
                            + "impostor %d pairs: mean %.4f sd %.4f (min %.4f), binomial degrees of freedom %.0f%n"
                            + "EER %.3f%% at HD %.4f%n"
                            + "FMR 0.1%%: HD <= %.4f, FNMR %.3f%%%n"
                            + "FMR 0.01%%: HD <= %.4f, FNMR %.3f%%%n",
                    genuine, genuineMean, genuineSd, maxGenuine, impostor, impostorMean, impostorSd, minImpostor,
                    degreesOfFreedom, 100 * eer, eerThreshold, thresholdAtFmr1e3, 100 * fnmrAtFmr1e3,
                    thresholdAtFmr1e4, 100 * fnmrAtFmr1e4);
        }
    }

    static Summary summarize(Distances d) {
        double[] g = d.genuine().clone();
        double[] im = d.impostor().clone();
        Arrays.sort(g);
        Arrays.sort(im);
        double gm = mean(g);
        double im0 = mean(im);
        double isd = sd(im, im0);
        // EER: sweep thresholds over the union of values.
        double eer = 1;
        double eerT = 0;
        double[] all = new double[g.length + im.length];
        System.arraycopy(g, 0, all, 0, g.length);
        System.arraycopy(im, 0, all, g.length, im.length);
        Arrays.sort(all);
        double bestGap = Double.POSITIVE_INFINITY;
        for (int k = 0; k < all.length; k += Math.max(1, all.length / 200000)) {
            double t = all[k];
            double fnmr = 1 - countAtMost(g, t) / (double) g.length;
            double fmr = countAtMost(im, t) / (double) im.length;
            double gap = Math.abs(fnmr - fmr);
            if (gap < bestGap) {
                bestGap = gap;
                eer = (fnmr + fmr) / 2;
                eerT = t;
            }
        }
        double t3 = thresholdAtFmr(im, 1e-3);
        double t4 = thresholdAtFmr(im, 1e-4);
        return new Summary(g.length, im.length, gm, sd(g, gm), im0, isd, im0 * (1 - im0) / (isd * isd), eer, eerT,
                t3, 1 - countAtMost(g, t3) / (double) g.length, t4, 1 - countAtMost(g, t4) / (double) g.length,
                im.length == 0 ? Double.NaN : im[0], g.length == 0 ? Double.NaN : g[g.length - 1]);
    }

    /** The largest threshold whose false match rate (impostors at or below it) stays within fmr. */
    static double thresholdAtFmr(double[] sortedImpostor, double fmr) {
        int allowed = (int) Math.floor(fmr * sortedImpostor.length);
        if (allowed >= sortedImpostor.length) {
            return sortedImpostor[sortedImpostor.length - 1];
        }
        // any threshold strictly below sortedImpostor[allowed] admits at most 'allowed' impostors
        return Math.nextDown(sortedImpostor[allowed]);
    }

    static int countAtMost(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double sd(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return v.length < 2 ? Double.NaN : Math.sqrt(s / (v.length - 1));
    }

    static Map<String, Integer> refusals(List<Sample> samples) {
        Map<String, Integer> out = new TreeMap<>();
        for (Sample s : samples) {
            if (s.refusal() != null) {
                String key = s.refusal().replaceAll("[0-9.]+", "#");
                out.merge(key, 1, Integer::sum);
            }
        }
        return out;
    }

    /** ln C(n, k) + k ln p + (n - k) ln(1 - p), summed for k <= floor(h n): the binomial lower tail. */
    static double binomialTail(int n, double p, double h) {
        int kMax = (int) Math.floor(h * n);
        if (kMax >= n) {
            return 1;
        }
        double[] logFactorial = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            logFactorial[i] = logFactorial[i - 1] + Math.log(i);
        }
        double sum = 0;
        for (int k = 0; k <= kMax; k++) {
            sum += Math.exp(logFactorial[n] - logFactorial[k] - logFactorial[n - k] + k * Math.log(p)
                    + (n - k) * Math.log(1 - p));
        }
        return Math.min(1, sum);
    }

    static void calibrate(List<Sample> samples, Distances d) {
        for (double score : new double[] {20, 26, 30, 40, 50, 60}) {
            double h = IrisScore.distanceAt(score);
            double[] g = d.genuine().clone();
            Arrays.sort(g);
            double[] imp = d.impostor().clone();
            Arrays.sort(imp);
            System.out.printf(Locale.ROOT, "score %.0f: HD <= %.4f, FNMR %.3f%%, FMR %.2e (%d of %d)%n", score, h,
                    100 - 100.0 * countAtMost(g, h) / g.length, countAtMost(imp, h) / (double) imp.length,
                    countAtMost(imp, h), imp.length);
        }
        List<Sample> ok = samples.stream().filter(s -> s.template() != null).toList();
        // impostor distances at one fixed rotation (no search): the single-comparison distribution
        List<Double> single = new ArrayList<>();
        List<Integer> bitsCompared = new ArrayList<>();
        for (int i = 0; i < ok.size(); i += 1) {
            for (int j = i + 1; j < ok.size(); j += 7) {
                if (ok.get(i).eye().equals(ok.get(j).eye())) {
                    continue;
                }
                long[] a = ok.get(i).template().codeUnsafe();
                long[] am = ok.get(i).template().maskUnsafe();
                long[] b = ok.get(j).template().codeUnsafe();
                long[] bm = ok.get(j).template().maskUnsafe();
                int diff = 0;
                int common = 0;
                for (int w = 0; w < IrisCode.MASK_WORDS; w++) {
                    long m = am[w] & bm[w];
                    common += Long.bitCount(m);
                    diff += Long.bitCount((a[w] ^ b[w]) & m) + Long.bitCount((a[w + 16] ^ b[w + 16]) & m);
                }
                single.add(IrisCode.normalizedDistance(diff, 2 * common));
                bitsCompared.add(2 * common);
            }
        }
        bitsCompared.sort(null);
        System.out.println("median bits compared (impostor pairs, one rotation): " + bitsCompared.get(bitsCompared.size() / 2));
        double[] sv = single.stream().mapToDouble(Double::doubleValue).toArray();
        double p0 = mean(sv);
        double sd0 = sd(sv, p0);
        int n0 = (int) Math.round(p0 * (1 - p0) / (sd0 * sd0));
        double[] im = d.impostor().clone();
        Arrays.sort(im);
        double p1 = mean(im);
        double sd1 = sd(im, p1);
        int n1 = (int) Math.round(p1 * (1 - p1) / (sd1 * sd1));
        System.out.printf(Locale.ROOT, "single rotation: %d pairs mean %.4f sd %.4f dof %d; best of %d: mean %.4f sd %.4f dof %d%n",
                sv.length, p0, sd0, n0, IrisCode.ROTATIONS, p1, sd1, n1);
        for (double h = 0.30; h <= 0.4201; h += 0.01) {
            double empirical = countAtMost(im, h) / (double) im.length;
            double a = 1 - Math.pow(1 - binomialTail(n0, p0, h), IrisCode.ROTATIONS);
            double b = binomialTail(n1, p1, h);
            System.out.printf(Locale.ROOT, "HD %.2f: empirical FMR %.2e (%d), min-of-%d model %.2e, fitted-min model %.2e, IrisScore %.2e (score %.1f)%n",
                    h, empirical, countAtMost(im, h), IrisCode.ROTATIONS, a, b, IrisScore.falseMatchRate(h), IrisScore.of(h));
        }
    }

    /** Tuning entry point: java ... IrisEvaluation DIR [crossSession] */
    public static void main(String[] args) throws Exception {
        for (String prop : System.getProperties().stringPropertyNames()) {
            if (prop.startsWith("iris.") && !prop.equals("iris.debug")) {
                Tunables.set(prop.substring(5), System.getProperty(prop));
            }
        }
        Path dir = Path.of(args[0]);
        boolean cross = args.length > 1 && Boolean.parseBoolean(args[1]);
        List<Path> files = images(dir);
        long t0 = System.nanoTime();
        List<Sample> samples = extract(files);
        long t1 = System.nanoTime();
        Distances d = compareAll(samples, cross);
        long t2 = System.nanoTime();
        List<Sample> failed = new ArrayList<>(samples.stream().filter(s -> s.template() == null).toList());
        double usable = samples.stream().filter(s -> s.template() != null).mapToDouble(s -> s.template().usableFraction()).average().orElse(0);
        int[] bits = d.genuineBits().clone();
        Arrays.sort(bits);
        System.out.printf(Locale.ROOT, "%s: %d images, %d refused %s; extraction %.1f ms/image (2 threads), usable %.3f, median genuine bits %d, compare %.1f s%n",
                dir.getFileName(), samples.size(), failed.size(), refusals(samples), (t1 - t0) / 1e6 / samples.size() * 2, usable,
                bits.length == 0 ? 0 : bits[bits.length / 2], (t2 - t1) / 1e9);
        System.out.print(summarize(d).format());
        System.out.println("genuine best shifts " + SHIFTS);
        if (Boolean.getBoolean("calibrate")) {
            calibrate(samples, d);
        }
        if (Boolean.getBoolean("worst")) {
            // the genuine pairs that fail worst, to look at
            List<Sample> ok = samples.stream().filter(s -> s.template() != null).toList();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < ok.size(); i++) {
                for (int j = i + 1; j < ok.size(); j++) {
                    if (ok.get(i).eye().equals(ok.get(j).eye())) {
                        IrisMatcher.Comparison c = IrisMatcher.compare(ok.get(i).template(), ok.get(j).template());
                        lines.add(String.format(Locale.ROOT, "%.4f %s %s shift %d bits %d", c.distance(),
                                ok.get(i).file().getFileName(), ok.get(j).file().getFileName(), c.shift(), c.compared()));
                    }
                }
            }
            lines.sort(null);
            lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(System.out::println);
        }
    }
}
