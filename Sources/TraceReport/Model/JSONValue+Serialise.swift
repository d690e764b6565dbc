import Foundation

extension JSONValue {
    /// Compact JSON with sorted keys: the same value always gives the same text.
    public var compactJSON: String {
        var out = ""
        write(to: &out, indent: nil)
        return out
    }

    /// JSON indented by two spaces with sorted keys, for `<details>` blocks and trace files.
    public var prettyJSON: String {
        var out = ""
        write(to: &out, indent: "")
        return out
    }

    private func write(to out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let v): out += v ? "true" : "false"
        case .int(let v): out += String(v)
        case .double(let v): out += Self.number(v)
        case .string(let v): Self.appendQuoted(v, to: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + indent + "  " }
                item.write(to: &out, indent: indent.map { $0 + "  " })
            }
            if let indent { out += "\n" + indent }
            out += "]"
        case .object(let fields):
            guard !fields.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + indent + "  " }
                Self.appendQuoted(key, to: &out)
                out += indent == nil ? ":" : ": "
                fields[key]!.write(to: &out, indent: indent.map { $0 + "  " })
            }
            if let indent { out += "\n" + indent }
            out += "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, as JSONEncoder escapes them.
    static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal to UTF-8 bytes (`JSONTextWriter`), the runs between
    /// escapes copied whole.
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

    /// Appends `text` as a JSON string literal. Works on UTF-8 bytes and copies the runs between
    /// escapes whole: appending scalar by scalar took a sixth of a build.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            func flush(_ end: Int) {
                if start < end {
                    out += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                }
            }
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                flush(i)
                start = i + 1
                out += escaped(byte)
            }
            flush(bytes.count)
        }
        out += "\""
    }

    /// Finite numbers as JSON numbers (integral ones without a fraction); others as null.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 && value.sign == .minus { return "-0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
