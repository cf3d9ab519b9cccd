package id.satunik.cluster;

import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.EyeQuality;
import id.satunik.FingerQuality;
import id.satunik.Sex;
import id.satunik.index.ShardRecord;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.IrisTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of an extracted record as the cluster ships and replicates it (the value of the persons map, the
 * search probe): demographics, serialized SourceAFIS templates, iris codes. A version byte first, so that a
 * later layout can still read these.
 *
 * <p>Stateless; thread-safe.
 */
final class RecordCodec {
    /** 2 added the submitted fingers' quality after the dropped samples; 1 is still read (no quality). */
    private static final int VERSION = 3;

    private RecordCodec() {
    }

    static byte[] encode(ShardRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            text(out, r.nik());
            text(out, r.name());
            text(out, r.birthDate() == null ? null : r.birthDate().toString());
            text(out, r.sex() == null ? null : r.sex().name());
            text(out, r.region());
            out.writeShort(r.fingers().size());
            for (FingerTemplate f : r.fingers()) {
                out.writeByte(f.position().ordinal());
                out.writeInt(f.minutiae());
                byte[] b = f.bytes();
                out.writeInt(b.length);
                out.write(b);
            }
            out.writeShort(r.irises().size());
            for (IrisTemplate t : r.irises()) {
                out.writeByte(t.position().ordinal());
                longs(out, t.code());
                longs(out, t.mask());
            }
            out.writeShort(r.dropped().size());
            for (String d : r.dropped()) {
                text(out, d);
            }
            out.writeShort(r.fingerQuality().size());
            for (FingerQuality q : r.fingerQuality()) {
                out.writeByte(q.position().ordinal());
                out.writeDouble(q.score());
                out.writeDouble(q.ridgeArea());
                out.writeDouble(q.coherence());
                out.writeInt(q.minutiae());
                out.writeDouble(q.reliableMinutiae());
            }
            out.writeShort(r.irisQuality().size());
            for (EyeQuality q : r.irisQuality()) {
                out.writeByte(q.position().ordinal());
                for (double v : new double[] {q.score(), q.usableArea(), q.irisPupilRatio(), q.pupilContrast(),
                    q.irisContrast(), q.sharpness(), q.concentricity(), q.margin()}) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ShardRecord decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("unknown record layout version " + version);
            }
            String nik = text(in);
            String name = text(in);
            String birth = text(in);
            String sex = text(in);
            String region = text(in);
            List<FingerTemplate> fingers = new ArrayList<>();
            for (int i = in.readUnsignedShort(); i > 0; i--) {
                FingerPosition position = FingerPosition.values()[in.readUnsignedByte()];
                int minutiae = in.readInt();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                fingers.add(new FingerTemplate(position, minutiae, b));
            }
            List<IrisTemplate> irises = new ArrayList<>();
            for (int i = in.readUnsignedShort(); i > 0; i--) {
                EyePosition eye = EyePosition.values()[in.readUnsignedByte()];
                irises.add(new IrisTemplate(eye, longs(in), longs(in)));
            }
            List<String> dropped = new ArrayList<>();
            for (int i = in.readUnsignedShort(); i > 0; i--) {
                dropped.add(text(in));
            }
            List<FingerQuality> quality = new ArrayList<>();
            for (int i = version == 1 ? 0 : in.readUnsignedShort(); i > 0; i--) {
                quality.add(new FingerQuality(FingerPosition.values()[in.readUnsignedByte()], in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readInt(), in.readDouble()));
            }
            List<EyeQuality> eyeQuality = new ArrayList<>();
            for (int i = version < 3 ? 0 : in.readUnsignedShort(); i > 0; i--) {
                eyeQuality.add(new EyeQuality(EyePosition.values()[in.readUnsignedByte()], in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            return new ShardRecord(nik, name, birth == null ? null : LocalDate.parse(birth),
                    sex == null ? null : Sex.valueOf(sex), region, fingers, irises, dropped, quality, eyeQuality);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable record bytes", e);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void longs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] longs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
