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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

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
 * | CRC32C of every preceding byte i32                                                         (version ≥ 4)
 * </pre>
 *
 * Version 1 and 2 records (no iris part, no finger ordinal) are still read; their finger ordinal reads as -1.
 * Version 3 records have no checksum. The checksum makes a damaged record (a flipped bit in a template) an
 * error naming the person, instead of a template SourceAFIS cannot read or, worse, one it reads differently.
 *
 * Stateless; thread-safe.
 */
final class PersonCodec {
    private static final int MAGIC = ('S' << 8) | 'N';
    private static final int VERSION = 4;

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
        byte[] body = buffer.toByteArray();
        byte[] encoded = Arrays.copyOf(body, body.length + 4);
        int crc = crc(encoded, body.length);
        for (int i = 0; i < 4; i++) {
            encoded[body.length + i] = (byte) (crc >>> (24 - 8 * i));
        }
        return encoded;
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    static PersonRecord decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int magic = in.readUnsignedShort();
            int version = in.readUnsignedByte();
            if (magic != MAGIC || version < 1 || version > VERSION) {
                throw new IllegalStateException("not a SatuNIK person record (magic " + Integer.toHexString(magic)
                        + ", version " + version + ")");
            }
            if (version >= 4) {
                int length = encoded.length - 4;
                int stored = length < 0 ? 0 : ((encoded[length] & 0xFF) << 24) | ((encoded[length + 1] & 0xFF) << 16)
                        | ((encoded[length + 2] & 0xFF) << 8) | (encoded[length + 3] & 0xFF);
                if (length < 3 || crc(encoded, length) != stored) {
                    throw new IllegalStateException("person record fails its checksum (damaged)");
                }
            }
            Nik nik = Nik.fromLong(in.readLong());
            Instant enrolledAt = Instant.ofEpochMilli(in.readLong());
            int flags = in.readUnsignedByte();
            String name = (flags & 1) != 0 ? in.readUTF() : null;
            LocalDate birthDate = (flags & 2) != 0 ? LocalDate.ofEpochDay(in.readInt()) : null;
            Sex sex = (flags & 4) != 0 ? sex(in.readUnsignedByte()) : null;
            String region = (flags & 8) != 0 ? in.readUTF() : null;
            int count = in.readUnsignedByte();
            List<FingerTemplate> fingers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                FingerPosition position = FingerPosition.fromCode(in.readUnsignedByte());
                int minutiae = in.readUnsignedShort();
                int length = in.readInt();
                if (length < 0 || length > encoded.length) {
                    throw new IllegalStateException("corrupt person record " + nik + ": template length " + length);
                }
                byte[] bytes = new byte[length];
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
            // nothing may follow but the checksum: a version byte damaged from 4 to 3 (no checksum then) leaves the
            // checksum unread, and is refused instead of read as another record (found by -Plarge fuzzing)
            int trailing = version >= 4 ? 4 : 0;
            if (in.available() != trailing) {
                throw new IllegalStateException("corrupt person record " + nik + ": " + (in.available() - trailing)
                        + " bytes after its last field");
            }
            return new PersonRecord(nik, name, birthDate, sex, region, enrolledAt, fingers, irisSlots, fingerOrdinal);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt person record", e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            // a field out of range in a record without a checksum (versions before 4): damage, not a crash
            throw new IllegalStateException("corrupt person record: " + e.getMessage(), e);
        }
    }

    private static Sex sex(int code) {
        if (code >= Sex.values().length) {
            throw new IllegalStateException("corrupt person record: sex code " + code);
        }
        return Sex.values()[code];
    }
}
