package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.Sex;
import id.satunik.matcher.FingerTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk format of a {@link PersonRecord} (the value in the person store). Kept apart from the store so
 * that the store technology can change without touching the format, and the format can evolve by version.
 *
 * <pre>
 * magic 'S''N' | version u8 = 1 | nik i64 | enrolledAt epoch-millis i64
 * | flags u8 (1 name, 2 birthDate, 4 sex, 8 region) | [name UTF] [birthDate epoch-day i32] [sex u8] [region UTF]
 * | fingers u8 | per finger: position code u8, minutiae u16, length i32, SourceAFIS template bytes
 * | irises u8 | per eye: position code u8, slot i32 (in the iris code file of that eye)      (version ≥ 2)
 * | finger ordinal i64 (in the finger index, -1 for none)                                      (version ≥ 3)
 * </pre>
 *
 * Version 1 and 2 records (no iris part, no finger ordinal) are still read; their finger ordinal reads as -1.
 *
 * Stateless; thread-safe.
 */
final class PersonCodec {
    private static final int MAGIC = ('S' << 8) | 'N';
    private static final int VERSION = 3;

    private PersonCodec() {
    }

    static byte[] encode(PersonRecord person) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + person.fingers().size() * 1600);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeShort(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(person.nik().toLong());
            out.writeLong(person.enrolledAt().toEpochMilli());
            int flags = (person.name() != null ? 1 : 0) | (person.birthDate() != null ? 2 : 0)
                    | (person.sex() != null ? 4 : 0) | (person.region() != null ? 8 : 0);
            out.writeByte(flags);
            if (person.name() != null) {
                out.writeUTF(person.name());
            }
            if (person.birthDate() != null) {
                out.writeInt((int) person.birthDate().toEpochDay());
            }
            if (person.sex() != null) {
                out.writeByte(person.sex().ordinal());
            }
            if (person.region() != null) {
                out.writeUTF(person.region());
            }
            out.writeByte(person.fingers().size());
            for (FingerTemplate finger : person.fingers()) {
                byte[] bytes = finger.bytes();
                out.writeByte(finger.position().code());
                out.writeShort(Math.min(finger.minutiae(), 0xFFFF));
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            out.writeByte(person.irisSlots().size());
            for (Map.Entry<EyePosition, Integer> eye : person.irisSlots().entrySet()) {
                out.writeByte(eye.getKey().code());
                out.writeInt(eye.getValue());
            }
            out.writeLong(person.fingerOrdinal());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static PersonRecord decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int magic = in.readUnsignedShort();
            int version = in.readUnsignedByte();
            if (magic != MAGIC || version < 1 || version > VERSION) {
                throw new IllegalStateException("not a SatuNIK person record (magic " + Integer.toHexString(magic)
                        + ", version " + version + ")");
            }
            Nik nik = Nik.fromLong(in.readLong());
            Instant enrolledAt = Instant.ofEpochMilli(in.readLong());
            int flags = in.readUnsignedByte();
            String name = (flags & 1) != 0 ? in.readUTF() : null;
            LocalDate birthDate = (flags & 2) != 0 ? LocalDate.ofEpochDay(in.readInt()) : null;
            Sex sex = (flags & 4) != 0 ? Sex.values()[in.readUnsignedByte()] : null;
            String region = (flags & 8) != 0 ? in.readUTF() : null;
            int count = in.readUnsignedByte();
            List<FingerTemplate> fingers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                FingerPosition position = FingerPosition.fromCode(in.readUnsignedByte());
                int minutiae = in.readUnsignedShort();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                fingers.add(new FingerTemplate(position, minutiae, bytes));
            }
            Map<EyePosition, Integer> irisSlots = new EnumMap<>(EyePosition.class);
            int eyes = version >= 2 ? in.readUnsignedByte() : 0;
            for (int i = 0; i < eyes; i++) {
                int code = in.readUnsignedByte();
                if (code != EyePosition.RIGHT.code() && code != EyePosition.LEFT.code()) {
                    throw new IllegalStateException("corrupt person record " + nik + ": eye code " + code);
                }
                irisSlots.put(code == EyePosition.LEFT.code() ? EyePosition.LEFT : EyePosition.RIGHT, in.readInt());
            }
            long fingerOrdinal = version >= 3 ? in.readLong() : -1;
            return new PersonRecord(nik, name, birthDate, sex, region, enrolledAt, fingers, irisSlots, fingerOrdinal);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt person record", e);
        }
    }
}
