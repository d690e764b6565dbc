import Foundation

extension JSONValue {
    /// Compact JSON with sorted keys: the same value always gives the same text.
    public var compactJSON: String {
        var out: [UInt8] = []
        write(to: &out, indent: nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON indented by two spaces with sorted keys, for `<details>` blocks and trace files.
    public var prettyJSON: String {
        var out: [UInt8] = []
        write(to: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Into UTF-8 bytes, `indent` levels deep (nil: compact). Appending to a `String` piece by piece cost
    /// more than the rest of printing.
    private func write(to out: inout [UInt8], indent: Int?) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let v): out.append(contentsOf: (v ? "true" : "false").utf8)
        case .int(let v): out.append(contentsOf: String(v).utf8)
        case .double(let v): out.append(contentsOf: Self.number(v).utf8)
        case .string(let v): Self.appendQuoted(v, to: &out)
        case .array(let items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newLine(&out, indent.map { $0 + 1 })
                item.write(to: &out, indent: indent.map { $0 + 1 })
            }
            Self.newLine(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            guard !fields.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newLine(&out, indent.map { $0 + 1 })
                Self.appendQuoted(key, to: &out)
                out.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
                fields[key]!.write(to: &out, indent: indent.map { $0 + 1 })
            }
            Self.newLine(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and `indent` levels of two spaces; nothing in compact JSON.
    private static func newLine(_ out: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, as JSONEncoder escapes them.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal to UTF-8 bytes. Works on UTF-8 bytes and copies the runs
    /// between escapes whole: appending scalar by scalar took a sixth of a build.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                out.append(contentsOf: escaped(byte).utf8)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    /// How a JSON string writes `byte`, a control character, quote or backslash.
    private static func escaped(_ byte: UInt8) -> String {
        switch byte {
        case 0x22: "\\\""
        case 0x5C: "\\\\"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x08: "\\b"
        case 0x0C: "\\f"
        default: byte < 0x10 ? "\\u000" + String(byte, radix: 16) : "\\u00" + String(byte, radix: 16)
        }
    }

    /// Finite numbers as JSON numbers (integral ones without a fraction); others as null.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 && value.sign == .minus { return "-0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
