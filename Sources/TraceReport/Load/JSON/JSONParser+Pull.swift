/// Reading a document of a known shape member by member, with no tree of values in between: for the
/// records a build writes and reads back (`TraceDigest`, the manifest's unit headers), where building a
/// `JSONValue` per document and then reading it cost a quarter of an incremental build's CPU.
/// The same strict rules as `parseValue` (escapes, nesting limit, nothing after the document).
extension JSONParser {
    /// Runs `body` over `bytes`, which must hold exactly the one value `body` reads.
    static func pull<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONParser) throws(Failure) -> T
    ) throws(Failure) -> T {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try body(&parser)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw Failure(offset: parser.position, reason: "unexpected text after the JSON value")
        }
        return value
    }

    /// Opens an object: read its members with `nextMember(&first)` until it returns nil.
    mutating func enterObject() throws(Failure) {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
    }

    /// The next member's name, its value next to read; nil at the end of the object (closed).
    mutating func nextMember(_ first: inout Bool) throws(Failure) -> String? {
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of the text inside an object") }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return nil
        }
        if !first { try expect(UInt8(ascii: ","), "',' or '}' in an object") }
        first = false
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw fail("expected a quoted member name")
        }
        let key = try parseString()
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "':' after the member name \"\(key)\"")
        skipWhitespace()
        return key
    }

    /// Opens an array: read its elements while `nextElement(&first)` returns true.
    mutating func enterArray() throws(Failure) {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
    }

    /// Whether another element follows (then read it); false at the end of the array (closed).
    mutating func nextElement(_ first: inout Bool) throws(Failure) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of the text inside an array") }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return false
        }
        if !first { try expect(UInt8(ascii: ","), "',' or ']' in an array") }
        first = false
        skipWhitespace()
        return true
    }

    mutating func readString() throws(Failure) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        return try parseString()
    }

    /// A string, or nil for `null`.
    mutating func readOptionalString() throws(Failure) -> String? {
        if position < bytes.count, bytes[position] == UInt8(ascii: "n") {
            try expectWord("null")
            return nil
        }
        return try readString()
    }

    mutating func readInt() throws(Failure) -> Int {
        guard case .int(let n) = try parseValue() else { throw fail("expected an integer") }
        return n
    }

    mutating func readBool() throws(Failure) -> Bool {
        switch try parseValue() {
        case .bool(let b): return b
        default: throw fail("expected true or false")
        }
    }

    /// Every element of an array, each read by `element`.
    mutating func readArray<T>(_ element: (inout JSONParser) throws(Failure) -> T) throws(Failure) -> [T] {
        var elements: [T] = []
        try enterArray()
        var first = true
        while try nextElement(&first) { elements.append(try element(&self)) }
        return elements
    }

    /// Every string of an array of strings.
    mutating func readStrings() throws(Failure) -> [String] {
        try readArray { p throws(Failure) in try p.readString() }
    }

    /// `what` is said only on failure: building it for every member was a fifth of reading a digest.
    private mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(Failure) {
        guard position < bytes.count, bytes[position] == byte else { throw fail("expected \(what())") }
        position += 1
    }
}
