/// Skimming a trace's bulky bodies. A stage's `params` and `prev_output`, and its output's
/// `references`, are shown on the trace page cut to 20,000 characters; a stage output's other
/// members (`result`, rows, ...) are never read. Parsed in full, a 200 MB trace made of such
/// bodies took 1.67 GB. Skimmed, the members never read are checked and skipped without building
/// values, and a shown body larger than `bulkyLimit` bytes of JSON is checked, skipped and kept as
/// a sentence saying how large it was. Smaller bodies, and everything else, parse as before, so
/// pages of ordinary traces do not change. Only traces read for the report are skimmed; traces
/// handed on unchanged (`rerun --command`) are parsed whole.
extension JSONParser {
    /// Where a value sits in a trace document, as far as skimming cares.
    enum Role: UInt8 {
        case other, document, traces, trace, stageInputs, stageInput, stageOutputs, stageOutput

        /// The role of an array's elements.
        var element: Role {
            switch self {
            case .traces: .trace
            case .stageInputs: .stageInput
            case .stageOutputs: .stageOutput
            default: .other
            }
        }
    }

    /// Shown bodies larger than this many bytes of JSON are kept as a sentence.
    static let bulkyLimit = 1 << 20

    /// The sentence a skipped body is kept as.
    static func skippedBody(_ byteCount: Int) -> JSONValue {
        let megabytes = (Double(byteCount) / 1_048_576 * 10).rounded() / 10
        return .string("(\(megabytes) MiB of JSON, not kept: too large to show on the page)")
    }

    /// The value of member `key` of an object with `role`; nil when it is skipped.
    mutating func skimMember(_ key: String, of role: Role) throws(Failure) -> JSONValue? {
        switch (role, key) {
        case (.trace, "stage_inputs"): return try parseValue(role: .stageInputs)
        case (.trace, "stage_outputs"): return try parseValue(role: .stageOutputs)
        case (.stageInput, "params"), (.stageInput, "prev_output"), (.stageOutput, "references"):
            let start = position
            try skipChecked()
            guard position - start > Self.bulkyLimit else {
                position = start
                return try parseValue()
            }
            return Self.skippedBody(position - start)
        case (.stageOutput, "stage"), (.stageOutput, "duration_ms"), (.stageOutput, "diagnostics"):
            return try parseValue()
        case (.stageOutput, _):
            try skipChecked()
            return nil
        default: return try parseValue()
        }
    }

    /// Moves past the value at `position`, building nothing; a value `parseValue` refuses is refused with
    /// its message and place (the parser reads it again to say it: errors are rare, skipping is not).
    mutating func skipChecked() throws(Failure) {
        let start = position
        do { try skipValue() } catch {
            position = start
            _ = try parseValue()
            throw error
        }
    }

    /// Checks the value at `position` and moves past it, building nothing.
    mutating func skipValue() throws(Failure) {
        guard position < bytes.count else { throw fail("unexpected end of the text: a value is missing") }
        switch bytes[position] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipContainer()
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectWord("true")
        case UInt8(ascii: "f"): try expectWord("false")
        case UInt8(ascii: "n"): try expectWord("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
        default: throw fail("unexpected character \(describe(bytes[position])): expected a JSON value")
        }
    }

    private mutating func skipContainer() throws(Failure) {
        let isObject = bytes[position] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == close {
            position += 1
            return
        }
        let inside = isObject ? "an object" : "an array"
        while true {
            skipWhitespace()
            if isObject {
                guard position < bytes.count else { throw fail("unexpected end of the text inside an object") }
                guard bytes[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a quoted member name, found \(describe(bytes[position]))")
                }
                try skipString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw fail("expected ':' after a member name")
                }
                position += 1
                skipWhitespace()
            }
            try skipValue()
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of the text inside \(inside)") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case close:
                position += 1
                return
            default:
                throw fail(
                    "expected ',' or '\(Character(Unicode.Scalar(close)))' in \(inside), found \(describe(bytes[position]))"
                )
            }
        }
    }

    /// Moves past a string, checking its escapes and that it ends; its text is not decoded.
    private mutating func skipString() throws(Failure) {
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return
            case UInt8(ascii: "\\"):
                guard position + 1 < bytes.count else { break }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < bytes.count,
                        bytes[(position + 2)...(position + 5)].allSatisfy({ Self.isHexDigit($0) })
                    else { throw fail("invalid \\u escape: four hex digits must follow") }
                    position += 6
                default:
                    throw fail("invalid escape \\\(Character(Unicode.Scalar(bytes[position + 1]))) in a string")
                }
            case 0x00..<0x20:
                throw fail(
                    "a control character (byte 0x\(String(bytes[position], radix: 16))) inside a string must be escaped"
                )
            default:
                position += 1
            }
        }
        throw fail("unexpected end of the text inside a string")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
