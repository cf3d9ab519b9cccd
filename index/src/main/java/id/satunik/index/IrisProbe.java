package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.matcher.IrisCode;
import id.satunik.matcher.IrisTemplate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * A search record's eyes prepared for the 1:N scan: every rotation of each eye's code and mask is computed once
 * here, so the scan turns the probe, never the millions of gallery codes. Each probe eye is compared with the
 * gallery eyes of the same position.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class IrisProbe {
    private final Map<EyePosition, Eye> eyes = new EnumMap<>(EyePosition.class);

    /**
     * One eye, all rotations: {@code code[rotation * CODE_WORDS + w]}, {@code mask[rotation * MASK_WORDS + w]},
     * rotation {@code r} being a shift of {@code r - MAX_SHIFT} columns.
     */
    record Eye(IrisTemplate template, long[] code, long[] mask) {
        static Eye of(IrisTemplate template) {
            long[] code = new long[IrisCode.ROTATIONS * IrisCode.CODE_WORDS];
            long[] mask = new long[IrisCode.ROTATIONS * IrisCode.MASK_WORDS];
            for (int r = 0; r < IrisCode.ROTATIONS; r++) {
                int shift = r - IrisCode.MAX_SHIFT;
                System.arraycopy(IrisCode.rotate(template.code(), shift), 0, code, r * IrisCode.CODE_WORDS,
                        IrisCode.CODE_WORDS);
                System.arraycopy(IrisCode.rotate(template.mask(), shift), 0, mask, r * IrisCode.MASK_WORDS,
                        IrisCode.MASK_WORDS);
            }
            return new Eye(template, code, mask);
        }

        EyePosition position() {
            return template.position();
        }
    }

    IrisProbe(Collection<IrisTemplate> templates) {
        for (IrisTemplate template : templates) {
            eyes.put(template.position(), Eye.of(template));
        }
    }

    /** The probe's eye at {@code position}, or null when the probe has none there. */
    Eye eye(EyePosition position) {
        return eyes.get(position);
    }

    boolean isEmpty() {
        return eyes.isEmpty();
    }
}
