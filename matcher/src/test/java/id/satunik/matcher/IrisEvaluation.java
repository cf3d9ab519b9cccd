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
    /** IITD: {@code NNN/kk_E.png}, the eye is subject + side (the folder's mapping.csv says the same). */
    private static final Pattern IITD = Pattern.compile("(\\d{3})/(\\d{2})_([LR])\\.png");

    /** Eye label and session of a CASIA file name, or null for files that are not images of the set. */
    static String[] label(String name) {
        Matcher m = IITD.matcher(name);
        if (m.matches()) {
            return new String[] {m.group(1) + m.group(3), ""};
        }
        m = INTERVAL.matcher(name);
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
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(p -> label(name(dir, p)) != null).sorted().toList();
        }
    }

    /** The file's name as {@link #label} reads it: the name, or folder/name for sets with one folder per subject. */
    static String name(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    static List<Sample> extract(List<Path> files) {
        IrisExtractor extractor = new IrisExtractor();
        Map<Path, Sample> out = new ConcurrentHashMap<>();
        files.parallelStream().forEach(p -> {
            String[] label = label(p.getParent().getFileName() + "/" + p.getFileName());
            if (label == null) {
                label = label(p.getFileName().toString());
            }
            try {
                IrisTemplate t = extractor.extract(EyePosition.RIGHT, ImageSource.of(p));
                out.put(p, new Sample(p, label[0], label[1], t, null));
            } catch (InvalidInputException e) {
                out.put(p, new Sample(p, label[0], label[1], null, e.reason()));
            }
        });
        return files.stream().map(out::get).toList();
    }

    /**
     * Tuning and reporting harness: {@code java -cp <test classpath> id.satunik.matcher.IrisEvaluation DIR...}
     * prints, per folder, the refusals, EER, FNMR at fixed FMRs and the FMR at the calibrated scores.
     */
    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            Path dir = Path.of(arg);
            boolean crossSession = dir.getFileName().toString().equals("casia-v1");
            int every = Integer.getInteger("iris.every", 1);
            List<Path> all = images(dir);
            List<Path> files = java.util.stream.IntStream.range(0, all.size()).filter(i -> i % every == 0)
                    .mapToObj(all::get).toList();
            long start = System.nanoTime();
            List<Sample> samples = extract(files);
            long ms = (System.nanoTime() - start) / 1_000_000;
            long refused = samples.stream().filter(s -> s.refusal() != null).count();
            System.out.printf(Locale.ROOT, "%n== %s: %d images, %d refused (FTE %.2f%%) in %d ms%n%s%n", dir, samples.size(),
                    refused, 100.0 * refused / samples.size(), ms, refusals(samples));
            if (Boolean.getBoolean("iris.listRefused")) {
                samples.stream().filter(s -> s.refusal() != null)
                        .forEach(s -> System.out.println("  " + s.file() + ": " + s.refusal()));
            }
            System.out.println(qualities(samples));
            int worst = Integer.getInteger("iris.worstGenuine", 0);
            if (worst > 0) {
                System.out.print(worstGenuine(samples, crossSession, worst));
            }
            Distances d = compareAll(samples, crossSession);
            System.out.print(summarize(d).format());
            System.out.print(atScores(d));
        }
    }

    /** The {@code count} genuine pairs with the largest distance, one line each (files, distance, bits compared). */
    static String worstGenuine(List<Sample> samples, boolean crossSession, int count) {
        List<Sample> ok = samples.stream().filter(s -> s.template() != null).toList();
        List<String> lines = new ArrayList<>();
        List<Double> keys = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) {
            for (int j = i + 1; j < ok.size(); j++) {
                Sample a = ok.get(i);
                Sample c = ok.get(j);
                if (!a.eye().equals(c.eye()) || crossSession && a.session().equals(c.session())) {
                    continue;
                }
                IrisMatcher.Comparison cmp = IrisMatcher.compare(a.template(), c.template());
                keys.add(cmp.distance());
                lines.add(String.format(Locale.ROOT, "  %.4f %5d bits  %s  %s  (quality %.0f, %.0f)", cmp.distance(),
                        cmp.compared(), a.file(), c.file(), a.template().quality().score(),
                        c.template().quality().score()));
            }
        }
        Integer[] order = java.util.stream.IntStream.range(0, keys.size()).boxed()
                .sorted((x, y) -> Double.compare(keys.get(y), keys.get(x))).toArray(Integer[]::new);
        StringBuilder out = new StringBuilder("worst genuine pairs:\n");
        for (int k = 0; k < Math.min(count, order.length); k++) {
            out.append(lines.get(order[k])).append('\n');
        }
        return out.toString();
    }

    /** Distances of all genuine pairs (same eye; different sessions only if crossSession) and all impostor pairs. */
    record Distances(double[] genuine, double[] impostor, int[] genuineBits, int[] genuineShifts) {
    }

    static Distances compareAll(List<Sample> samples, boolean crossSession) {
        List<Sample> ok = samples.stream().filter(s -> s.template() != null).toList();
        int n = ok.size();
        double[][] gen = new double[n][];
        double[][] imp = new double[n][];
        int[][] bits = new int[n][];
        java.util.concurrent.atomic.AtomicIntegerArray shifts =
                new java.util.concurrent.atomic.AtomicIntegerArray(IrisCode.ROTATIONS);
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
                    shifts.incrementAndGet(cmp.shift() + IrisCode.MAX_SHIFT);
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
        int[] shiftCounts = new int[IrisCode.ROTATIONS];
        for (int k = 0; k < shiftCounts.length; k++) {
            shiftCounts[k] = shifts.get(k);
        }
        return new Distances(flatten(gen), flatten(imp), flattenInt(bits), shiftCounts);
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

    /** Percentiles (5, 25, 50, 75, 95) of the quality score and of each measure over the extracted images. */
    static String qualities(List<Sample> samples) {
        List<IrisQuality> q = samples.stream().filter(s -> s.template() != null).map(s -> s.template().quality()).toList();
        if (q.isEmpty()) {
            return "quality: no image extracted";
        }
        StringBuilder out = new StringBuilder("quality percentiles 5/25/50/75/95:");
        Map<String, java.util.function.ToDoubleFunction<IrisQuality>> measures = new java.util.LinkedHashMap<>();
        measures.put("score", IrisQuality::score);
        measures.put("usable", IrisQuality::usableArea);
        measures.put("pupil/iris", IrisQuality::irisPupilRatio);
        measures.put("pupil contrast", IrisQuality::pupilContrast);
        measures.put("iris contrast", IrisQuality::irisContrast);
        measures.put("sharpness", IrisQuality::sharpness);
        measures.put("concentricity", IrisQuality::concentricity);
        measures.put("margin", IrisQuality::margin);
        measures.forEach((name, f) -> {
            double[] v = q.stream().mapToDouble(f).sorted().toArray();
            out.append(String.format(Locale.ROOT, "%n  %-14s", name));
            for (double p : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
                out.append(String.format(Locale.ROOT, " %8.3f", v[(int) Math.min(v.length - 1, p * v.length)]));
            }
        });
        return out.toString();
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

    /** Text histograms of both distributions, 0.01 wide bins, as fractions of their totals. */
    static String histogram(Distances d) {
        StringBuilder out = new StringBuilder("HD bin   genuine  impostor\n");
        for (int bin = 0; bin < 55; bin++) {
            double lo = bin / 100.0;
            double hi = lo + 0.01;
            long g = Arrays.stream(d.genuine()).filter(x -> x >= lo && x < hi).count();
            long im = Arrays.stream(d.impostor()).filter(x -> x >= lo && x < hi).count();
            if (g + im > 0) {
                out.append(String.format(Locale.ROOT, "%.2f    %7.4f  %8.6f%n", lo, g / (double) d.genuine().length,
                        im / (double) d.impostor().length));
            }
        }
        return out.toString();
    }

    /** FNMR and FMR at the distances of a few calibrated scores, against the calibration's FMR. */
    static String atScores(Distances d) {
        double[] g = d.genuine().clone();
        Arrays.sort(g);
        double[] im = d.impostor().clone();
        Arrays.sort(im);
        StringBuilder out = new StringBuilder();
        for (double score : new double[] {20, 26, 30, 40, 50, 60}) {
            double h = IrisScore.distanceAt(score);
            out.append(String.format(Locale.ROOT,
                    "score %.0f (HD <= %.4f, model FMR %.1e): FNMR %.3f%%, FMR %.2e (%d of %d)%n", score, h,
                    IrisScore.falseMatchRate(h), 100 - 100.0 * countAtMost(g, h) / g.length,
                    countAtMost(im, h) / (double) im.length, countAtMost(im, h), im.length));
        }
        return out.toString();
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

    /**
     * The fit behind {@link IrisScore}: single-rotation impostor distances (every 7th pair) give the binomial's
     * mean and degrees of freedom; the table compares the measured best-of-rotations FMR with the models.
     */
    static void calibrate(List<Sample> samples, Distances d) {
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
}
