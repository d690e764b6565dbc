/// A 64-bit FNV-1a hash: the same text gives the same digest on every machine
/// and run (Swift's `Hasher` is seeded per process, so it cannot name files).
public enum StableHash {
    /// The digest as a number.
    public static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The digest as 16 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        let digits = String(value(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A 64-bit hash of bytes taken eight at a time (several times quicker than `value` on long text),
    /// continuing from `seed`: for digests only a later build compares (unit keys, page inputs), never
    /// for anything a reader sees.
    public static func words(_ raw: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash = seed
        var i = 0
        while i + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            i += 8
        }
        while i < raw.count {
            hash = (hash ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        return hash
    }

    /// `words` of a text, as 16 lowercase hex digits.
    public static func wordsHex(_ text: String) -> String {
        var text = text
        return hex(text.withUTF8 { words(UnsafeRawBufferPointer($0), seed: value("")) })
    }

    /// `words` of bytes, as 16 lowercase hex digits.
    public static func wordsHex(_ bytes: [UInt8]) -> String {
        hex(bytes.withUnsafeBytes { words($0, seed: value("")) })
    }

    /// A hash as 16 lowercase hex digits.
    static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
