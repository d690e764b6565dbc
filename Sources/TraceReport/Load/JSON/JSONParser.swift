/// A strict JSON parser into `JSONValue`, written by hand because Foundation's
/// parsers are several times slower on Linux (README, speed section) and no
/// package on our list parses JSON. It reads bytes once, limits nesting
/// (so hostile input cannot overflow the stack), repairs invalid UTF-8 inside
/// strings with U+FFFD, and says where a document goes wrong by line and column.
struct JSONParser {
    /// Deeper documents are refused: well past any real trace, far below the stack's limit.
    static let maxDepth = 512

    struct Failure: Error {
        let offset: Int
        let reason: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    /// Skim a trace's bulky bodies the report never shows whole (`JSONParser+Skim.swift`).
    var skim = false
    /// Members of the objects being read, innermost last: an object's dictionary is made once at its
    /// full size, not grown (and rehashed) member by member.
    private var members: [(String, JSONValue)] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one JSON document (surrounding whitespace allowed, nothing else). With `skim`, the document is
    /// a trace or an array of traces whose bulky bodies are skimmed (`JSONParser+Skim.swift`).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, skim: Bool = false) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skim = skim
        parser.skipWhitespace()
        let value = try parser.parseValue(role: skim ? .document : .other)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw Failure(offset: parser.position, reason: "unexpected text after the JSON value")
        }
        return value
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func fail(_ reason: String) -> Failure { Failure(offset: position, reason: reason) }

    mutating func parseValue(role: Role = .other) throws(Failure) -> JSONValue {
        guard position < bytes.count else { throw fail("unexpected end of the text: a value is missing") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(role: role == .document ? .trace : role)
        case UInt8(ascii: "["): return try parseArray(role: role == .document ? .traces : role)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("unexpected character \(describe(bytes[position])): expected a JSON value")
        }
    }

    func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    mutating func expectWord(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        for i in 0..<count where position + i >= bytes.count || bytes[position + i] != word.utf8Start[i] {
            throw fail(
                "unexpected text: not a JSON value (true, false, null, a number, a string, an array or an object)")
        }
        position += count
    }

    mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func parseObject(role: Role) throws(Failure) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object([:])
        }
        let start = members.count
        defer { members.removeSubrange(start...) }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of the text inside an object") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw fail("expected a quoted member name, found \(describe(bytes[position]))")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("expected ':' after the member name \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            if role == .other {
                members.append((key, try parseValue()))
            } else if let value = try skimMember(key, of: role) {
                members.append((key, value))
            }
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of the text inside an object") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                var fields = [String: JSONValue](minimumCapacity: members.count - start)
                // A repeated name keeps its last value, as before.
                for (key, value) in members[start...] { fields[key] = value }
                return .object(fields)
            default: throw fail("expected ',' or '}' in an object, found \(describe(bytes[position]))")
            }
        }
    }

    private mutating func parseArray(role: Role) throws(Failure) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(role: role.element))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of the text inside an array") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            default: throw fail("expected ',' or ']' in an array, found \(describe(bytes[position]))")
            }
        }
    }

    mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
            throw fail("invalid number: a digit must follow '-'")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
                throw fail("invalid number: a digit must follow '.'")
            }
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
                throw fail("invalid number: the exponent has no digits")
            }
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
        }
        // An integer of up to 18 digits is read from the bytes: making a String of each one for `Int(_:)` was
        // most of the time a group's stored catalog took to read (its lists are numbers).
        if isInteger {
            let negative = bytes[start] == UInt8(ascii: "-")
            let digits = (negative ? start + 1 : start)..<position
            if digits.count <= 18 {
                var value = 0
                for i in digits { value = value &* 10 &+ Int(bytes[i] &- UInt8(ascii: "0")) }
                return .int(negative ? -value : value)
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let int = Int(text) { return .int(int) }
        guard let double = Double(text) else { throw Failure(offset: start, reason: "invalid number \(text)") }
        return .double(double)
    }
}
