/// Writes compact JSON straight into a string, fields in the order given: what
/// `JSONValue.compactJSON` writes for the same object, without building the tree,
/// hashing its keys and sorting them. Building and printing `JSONValue`s for every
/// summary entry and index row was a tenth of a build. Callers give keys in sorted
/// order; dictionaries from traces are sorted here.
struct JSONTextWriter {
    private(set) var text = ""
    private var needsComma = false

    init() { text.reserveCapacity(1024) }

    /// `{ … }`, the body writing its fields.
    mutating func object(_ body: (inout JSONTextWriter) -> Void) { container("{", "}", body) }

    /// `[ … ]`, the body writing its elements.
    mutating func array(_ body: (inout JSONTextWriter) -> Void) { container("[", "]", body) }

    private mutating func container(_ open: String, _ close: String, _ body: (inout JSONTextWriter) -> Void) {
        separate()
        text += open
        needsComma = false
        body(&self)
        text += close
        needsComma = true
    }

    /// A field's key; its value follows.
    mutating func key(_ name: String) {
        separate()
        JSONValue.appendQuoted(name, to: &text)
        text += ":"
        needsComma = false
    }

    mutating func string(_ value: String?) {
        separate()
        if let value { JSONValue.appendQuoted(value, to: &text) } else { text += "null" }
        needsComma = true
    }

    mutating func int(_ value: Int) {
        separate()
        text += String(value)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        text += value ? "true" : "false"
        needsComma = true
    }

    mutating func double(_ value: Double?) {
        separate()
        text += value.map(JSONValue.number) ?? "null"
        needsComma = true
    }

    /// JSON text already written (an encoded row), inserted as it is.
    mutating func raw(_ json: String) {
        separate()
        text += json
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
        if needsComma { text += "," }
    }
}
