package id.satunik.matcher;

/** Scratch: sets the extraction's static tuning fields by name, for parameter sweeps. */
final class Tunables {
    static void set(String name, String value) {
        if (name.equals("arcs")) {
            String[] parts = value.split(",");
            double[] arcs = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                arcs[i] = Double.parseDouble(parts[i]);
            }
            IrisSegmenter.limbusArcs = arcs;
            return;
        }
        double v = Double.parseDouble(value);
        switch (name) {
            case "reflectionContrast" -> IrisSegmenter.reflectionContrast = (int) v;
            case "minPupilEdge" -> IrisSegmenter.minPupilEdge = v;
            case "lashDarkness" -> IrisSegmenter.lashDarkness = v;
            case "eyelidMinEdge" -> IrisSegmenter.eyelidMinEdge = v;
            case "limbusClip" -> IrisSegmenter.limbusClip = v;
            case "limbusHalfWidth" -> IrisSegmenter.limbusHalfWidth = (int) v;
            case "maxEyelidCurvature" -> IrisSegmenter.maxEyelidCurvature = v;
            case "pupilCenterRange" -> IrisSegmenter.pupilCenterRange = (int) v;
            case "eyelidLimbusMargin" -> IrisSegmenter.eyelidLimbusMargin = v;
            case "eyelidApexShift" -> IrisSegmenter.eyelidApexShift = v;
            case "rows" -> RubberSheet.rows = (int) v;
            case "columns" -> RubberSheet.columns = (int) v;
            case "innerMargin" -> RubberSheet.innerMargin = v;
            case "outerLimit" -> RubberSheet.outerLimit = v;
            case "wavelength" -> IrisEncoder.wavelength = v;
            case "sigmaAngular" -> IrisEncoder.sigmaAngular = v;
            case "sigmaRadial" -> IrisEncoder.sigmaRadial = v;
            case "maxNoise" -> IrisEncoder.maxNoise = v;
            default -> throw new IllegalArgumentException(name);
        }
    }
}
