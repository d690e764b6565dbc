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

    /// A 64-bit hash of bytes taken eight at a time in four independent lanes (several times quicker than
    /// `value` on long text; one lane was a twentieth of a build that changed one trace, waiting on each
    /// multiplication), continuing from `seed`: for digests only a later build compares (unit keys, page
    /// inputs), never for anything a reader sees.
    public static func words(_ raw: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        @inline(__always) func mix(_ value: UInt64) -> UInt64 {
            let product = value &* 0x9E37_79B9_7F4A_7C15
            return product ^ (product >> 29)
        }
        var i = 0
        var hash = seed
        if raw.count >= 32 {
            var lanes = (seed, seed ^ 0x2545_F491_4F6C_DD1D, seed &+ 0x1405_7B7E_F767_814F, ~seed)
            while i + 32 <= raw.count {
                lanes.0 = mix(lanes.0 ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                lanes.1 = mix(lanes.1 ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                lanes.2 = mix(lanes.2 ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                lanes.3 = mix(lanes.3 ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            hash = mix(mix(mix(mix(lanes.0) ^ lanes.1) ^ lanes.2) ^ lanes.3)
        }
        while i + 8 <= raw.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
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
