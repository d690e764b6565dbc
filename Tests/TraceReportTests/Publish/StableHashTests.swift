import Testing

@testable import TraceReport

/// `StableHash.words` names what a later build compares (unit keys, page inputs): any change to the bytes,
/// in any lane and in the tail, must change it, and it must not depend on where the bytes lie in memory.
@Suite("Stable hash of bytes: every byte, the length and the seed count")
struct StableHashTests {
    static func words(_ bytes: [UInt8], seed: UInt64 = 7) -> UInt64 {
        bytes.withUnsafeBytes { StableHash.words($0, seed: seed) }
    }

    @Test("changing any one byte of buffers up to 100 bytes changes the hash")
    func everyByteCounts() {
        var random = SplitMix(seed: 22)
        for length in 0...100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let hash = Self.words(bytes)
            for position in 0..<length {
                var changed = bytes
                changed[position] ^= 1 << UInt8(position % 8)
                #expect(Self.words(changed) != hash, "length \(length), byte \(position)")
            }
        }
    }

    @Test("a zero byte more, another seed or another alignment: the length and seed count, the address does not")
    func lengthSeedAndAlignment() {
        let zeros = [UInt8](repeating: 0, count: 64)
        let hashes = (0...64).map { Self.words(Array(zeros[..<$0])) }
        #expect(Set(hashes).count == hashes.count, "each length of zeros hashes apart")
        let text = Array("a unit's bytes, long enough for every lane and a tail".utf8)
        #expect(Self.words(text, seed: 1) != Self.words(text, seed: 2))
        let shifted = [0, 0, 0] + text
        let fromOffset = shifted.withUnsafeBytes {
            StableHash.words(UnsafeRawBufferPointer(rebasing: $0[3...]), seed: 7)
        }
        #expect(fromOffset == Self.words(text))
    }
}
