package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.Nik;
import id.satunik.Sex;
import id.satunik.matcher.IrisCode;
import id.satunik.matcher.IrisTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One change to a store as the write-ahead {@link Journal} keeps it: everything needed to redo it on the store
 * files (person store, iris code files, any later index), so the journal alone can rebuild a store.
 *
 * <p>Payload layout: type u8 | seq i64 | at epoch-millis i64 | body, the body sealed by the store's
 * {@link TemplateCipher} (identity = seq) since an enrollment carries templates.
 * <ul>
 *   <li>ENROLL (1): person length i32, {@link PersonCodec} bytes (iris slots empty) | eyes u8 | per eye: code u8,
 *       code words, mask words (i64 each)</li>
 *   <li>DELETE (2): nik i64 | reason UTF</li>
 *   <li>UPDATE (3): from nik i64 | to nik i64 | flags u8 (1 name, 2 birthDate, 4 sex, 8 region) | the present fields</li>
 * </ul>
 *
 * <p>All implementations are immutable records; thread-safe.
 */
sealed interface JournalEntry {
    int ENROLL = 1;
    int DELETE = 2;
    int UPDATE = 3;

    long seq();

    Instant at();

    /** A new person: its record (demographics, finger templates) and its iris codes. */
    record Enroll(long seq, Instant at, PersonRecord person, List<IrisTemplate> eyes) implements JournalEntry {
        public Enroll {
            person = new PersonRecord(person.nik(), person.name(), person.birthDate(), person.sex(),
                    person.region(), person.enrolledAt(), person.fingers(), Map.of(), -1);
            eyes = List.copyOf(eyes);
        }
    }

    /** A person removed (a death, a court order, a wrongly merged record). */
    record Delete(long seq, Instant at, Nik nik, String reason) implements JournalEntry {
    }

    /** A person's demographics corrected, possibly under a corrected NIK ({@code to}); biometrics unchanged. */
    record Update(long seq, Instant at, Nik from, Nik to, String name, LocalDate birthDate, Sex sex, String region)
            implements JournalEntry {
    }

    /** The entry with its sequence number and time set (the journal assigns both when appending). */
    static JournalEntry numbered(JournalEntry entry, long seq, Instant at) {
        return switch (entry) {
            case Enroll e -> new Enroll(seq, at, e.person(), e.eyes());
            case Delete d -> new Delete(seq, at, d.nik(), d.reason());
            case Update u -> new Update(seq, at, u.from(), u.to(), u.name(), u.birthDate(), u.sex(), u.region());
        };
    }

    static byte[] encode(JournalEntry entry, TemplateCipher cipher) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        int type;
        try (DataOutputStream out = new DataOutputStream(body)) {
            switch (entry) {
                case Enroll e -> {
                    type = ENROLL;
                    byte[] person = PersonCodec.encode(e.person());
                    out.writeInt(person.length);
                    out.write(person);
                    out.writeByte(e.eyes().size());
                    for (IrisTemplate eye : e.eyes()) {
                        out.writeByte(eye.position().code());
                        for (long w : eye.code()) {
                            out.writeLong(w);
                        }
                        for (long w : eye.mask()) {
                            out.writeLong(w);
                        }
                    }
                }
                case Delete d -> {
                    type = DELETE;
                    out.writeLong(d.nik().toLong());
                    out.writeUTF(d.reason());
                }
                case Update u -> {
                    type = UPDATE;
                    out.writeLong(u.from().toLong());
                    out.writeLong(u.to().toLong());
                    out.writeByte((u.name() != null ? 1 : 0) | (u.birthDate() != null ? 2 : 0)
                            | (u.sex() != null ? 4 : 0) | (u.region() != null ? 8 : 0));
                    if (u.name() != null) {
                        out.writeUTF(u.name());
                    }
                    if (u.birthDate() != null) {
                        out.writeInt((int) u.birthDate().toEpochDay());
                    }
                    if (u.sex() != null) {
                        out.writeByte(u.sex().ordinal());
                    }
                    if (u.region() != null) {
                        out.writeUTF(u.region());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] sealed = cipher.seal(body.toByteArray(), entry.seq());
        ByteArrayOutputStream payload = new ByteArrayOutputStream(sealed.length + 17);
        try (DataOutputStream out = new DataOutputStream(payload)) {
            out.writeByte(type);
            out.writeLong(entry.seq());
            out.writeLong(entry.at().toEpochMilli());
            out.write(sealed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return payload.toByteArray();
    }

    static JournalEntry decode(byte[] payload, TemplateCipher cipher) {
        try {
            DataInputStream head = new DataInputStream(new ByteArrayInputStream(payload, 0, 17));
            int type = head.readUnsignedByte();
            long seq = head.readLong();
            Instant at = Instant.ofEpochMilli(head.readLong());
            byte[] sealed = java.util.Arrays.copyOfRange(payload, 17, payload.length);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(cipher.open(sealed, seq)));
            return switch (type) {
                case ENROLL -> {
                    byte[] person = new byte[in.readInt()];
                    in.readFully(person);
                    int count = in.readUnsignedByte();
                    List<IrisTemplate> eyes = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        EyePosition eye = in.readUnsignedByte() == EyePosition.LEFT.code()
                                ? EyePosition.LEFT : EyePosition.RIGHT;
                        long[] code = new long[IrisCode.CODE_WORDS];
                        long[] mask = new long[IrisCode.MASK_WORDS];
                        for (int w = 0; w < code.length; w++) {
                            code[w] = in.readLong();
                        }
                        for (int w = 0; w < mask.length; w++) {
                            mask[w] = in.readLong();
                        }
                        eyes.add(new IrisTemplate(eye, code, mask));
                    }
                    yield new Enroll(seq, at, PersonCodec.decode(person), eyes);
                }
                case DELETE -> new Delete(seq, at, Nik.fromLong(in.readLong()), in.readUTF());
                case UPDATE -> {
                    Nik from = Nik.fromLong(in.readLong());
                    Nik to = Nik.fromLong(in.readLong());
                    int flags = in.readUnsignedByte();
                    String name = (flags & 1) != 0 ? in.readUTF() : null;
                    LocalDate birthDate = (flags & 2) != 0 ? LocalDate.ofEpochDay(in.readInt()) : null;
                    Sex sex = (flags & 4) != 0 ? Sex.values()[in.readUnsignedByte()] : null;
                    String region = (flags & 8) != 0 ? in.readUTF() : null;
                    yield new Update(seq, at, from, to, name, birthDate, sex, region);
                }
                default -> throw new IllegalStateException("unknown journal entry type " + type + " (seq " + seq + ")");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt journal entry", e);
        }
    }
}
