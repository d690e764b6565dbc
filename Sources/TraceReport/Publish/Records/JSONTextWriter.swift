/// Writes compact JSON straight into a string, fields in the order given: what
/// `JSONValue.compactJSON` writes for the same object, without building the tree,
/// hashing its keys and sorting them. Building and printing `JSONValue`s for every
/// summary entry and index row was a tenth of a build. Callers give keys in sorted
/// order; dictionaries from traces are sorted here. Into UTF-8 bytes, made a `String` once:
/// appending piece by piece to a `String` was most of the writer's time.
struct JSONTextWriter {
    /// The JSON as UTF-8.
    private(set) var utf8: [UInt8] = []
    private var needsComma = false

    init() { utf8.reserveCapacity(1024) }

    /// The JSON written so far.
    var text: String { String(decoding: utf8, as: UTF8.self) }

    /// `{ … }`, the body writing its fields.
    mutating func object(_ body: (inout JSONTextWriter) -> Void) {
        container(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    /// `[ … ]`, the body writing its elements.
    mutating func array(_ body: (inout JSONTextWriter) -> Void) {
        container(UInt8(ascii: "["), UInt8(ascii: "]"), body)
    }

    private mutating func container(_ open: UInt8, _ close: UInt8, _ body: (inout JSONTextWriter) -> Void) {
        separate()
        utf8.append(open)
        needsComma = false
        body(&self)
        utf8.append(close)
        needsComma = true
    }

    /// A field's key; its value follows.
    mutating func key(_ name: String) {
        separate()
        JSONValue.appendQuoted(name, to: &utf8)
        utf8.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String?) {
        separate()
        if let value { JSONValue.appendQuoted(value, to: &utf8) } else { utf8.append(contentsOf: "null".utf8) }
        needsComma = true
    }

    mutating func int(_ value: Int) {
        separate()
        utf8.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        utf8.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    mutating func double(_ value: Double?) {
        separate()
        utf8.append(contentsOf: (value.map(JSONValue.number) ?? "null").utf8)
        needsComma = true
    }

    /// JSON text already written (an encoded row), inserted as it is.
    mutating func raw(_ json: String) {
        separate()
        utf8.append(contentsOf: json.utf8)
        needsComma = true
    }

    /// A string map as an object, keys sorted.
    mutating func strings(_ map: [String: String]) {
        object { w in
            for key in map.keys.sorted() {
                w.key(key)
                w.string(map[key])
            }
        }
    }

    private mutating func separate() {
        if needsComma { utf8.append(UInt8(ascii: ",")) }
    }
}
