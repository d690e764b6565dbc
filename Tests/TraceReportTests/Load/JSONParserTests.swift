import Foundation
import PropertyBased
import Testing

@testable import TraceReport

@Suite("JSON parser: the same values as Foundation's, errors with line and column, no crash on hostile input")
struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONDocumentParser.parse(Data(text.utf8)) }

    func reason(_ text: String) -> String? {
        do throws(TraceFieldError) {
            _ = try JSONDocumentParser.parse(Data(text.utf8))
            return nil
        } catch {
            return error.reason
        }
    }

    /// Random JSON documents built from a seed: nested objects and arrays of every scalar kind.
    static func document(_ seed: [UInt8], depth: Int = 0) -> String {
        var seed = seed[...]
        func next() -> UInt8 { seed.isEmpty ? 0 : seed.removeFirst() }
        func value(_ depth: Int) -> String {
            switch next() % (depth > 4 ? 6 : 8) {
            case 0: return "null"
            case 1: return next() % 2 == 0 ? "true" : "false"
            case 2:
                let n = Int(next()) - 128
                return String(n) + (n != 0 && next() % 3 == 0 ? "000000000" : "")  // no leading zeros: "0000" is not JSON
            case 3: return String(Double(Int(next()) - 100) / 8) + (next() % 4 == 0 ? "e3" : "")
            case 4:
                return JSONValue.quoted(
                    String(decoding: [next(), 0x41, next() % 0x80], as: UTF8.self)
                        + ["é", "\"", "\\", "\n", "결", "🙂", "\u{0}"][Int(next()) % 7])
            case 5: return "\"\\u00e9\\ud83d\\ude42\\n\\/\""
            case 6: return "[" + (0..<Int(next() % 4)).map { _ in value(depth + 1) }.joined(separator: ", ") + "]"
            default:
                return "{"
                    + (0..<Int(next() % 4)).map { i in "\"k\(i)\(next() % 3)\": " + value(depth + 1) }.joined(
                        separator: ",") + "}"
            }
        }
        return value(depth)
    }

    static func foundation(_ any: Any) -> JSONValue {
        switch any {
        case is NSNull: return .null
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            if let i = Int(exactly: n.doubleValue), !String(describing: n).contains("."),
                !String(describing: n).contains("e")
            {
                return .int(i)
            }
            return .double(n.doubleValue)
        case let s as String: return .string(s)
        case let a as [Any]: return .array(a.map(foundation))
        case let o as [String: Any]: return .object(o.mapValues(foundation))
        default: return .null
        }
    }

    @Test("random documents parse to what JSONSerialization reads")
    func matchesFoundation() async {
        #expect(reason("0000000000") != nil, "leading zeros are not JSON")
        await propertyCheck(count: 500, input: Gen<UInt8>.value(in: 0...255).array(of: 0...120)) { (seed: [UInt8]) in
            let text = Self.document(seed)
            guard let ours = try? parse(text) else {
                Issue.record("rejected a valid document: \(text)")
                return
            }
            let theirs = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])).map(
                Self.foundation)
            if let theirs {
                #expect(ours.compactJSON == theirs.compactJSON || ours == theirs, "\(text)")
            }
            #expect((try? parse(ours.prettyJSON))?.compactJSON == ours.compactJSON, "our own output reads back")
        }
    }

    @Test(
        "compact output is what JSONEncoder writes with sorted keys: summary.json kept its bytes when the encoder was replaced"
    )
    func compactMatchesJSONEncoder() async {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let pieces = [
            "a", "é", "\"", "\\", "/", "\n", "\r\n", "\t", "\u{0}", "\u{8}", "\u{C}", "\u{1F}", "\u{7F}", "\u{2028}",
            "결", "🙂", "B", "_", "10", "9",
        ]
        let text = Gen.element(of: pieces).compactMap { $0 }.array(of: 0...8).map { $0.joined() }
        await propertyCheck(count: 400, input: text, text, Gen.int(in: -1000...1000)) {
            (key: String, value: String, n: Int) in
            let fields =
                Dictionary([(key, [value, nil]), (value, [key]), ("k", [])], uniquingKeysWith: { a, _ in a })
                as [String: [String?]]
            let ours = JSONValue.object(fields.mapValues { .array($0.map { $0.map(JSONValue.string) ?? .null }) })
                .compactJSON
            #expect(ours == String(decoding: (try? encoder.encode(fields)) ?? Data(), as: UTF8.self))
            let numbers: [Double] = [Double(n), Double(n) / 8, -0.0, 1e20]
            #expect(
                JSONValue.array(numbers.map(JSONValue.double)).compactJSON
                    == String(decoding: (try? encoder.encode(numbers)) ?? Data(), as: UTF8.self))
        }
    }

    @Test("errors say what and where")
    func errors() {
        #expect(
            reason("{\"a\": 1,\n  \"b\" 2}")
                == "not valid JSON at line 2, column 7: expected ':' after the member name \"b\"")
        #expect(reason("[1, 2") == "not valid JSON at line 1, column 6: unexpected end of the text inside an array")
        #expect(
            reason("{\"a\": tru}")
                == "not valid JSON at line 1, column 7: unexpected text: not a JSON value (true, false, null, a number, a string, an array or an object)"
        )
        #expect(
            reason("\"a\tb\"")
                == "not valid JSON at line 1, column 3: control character byte 0x9 inside a string: it must be escaped")
        #expect(reason("01") == "not valid JSON at line 1, column 2: unexpected text after the JSON value")
        #expect(reason("{} {}") == "not valid JSON at line 1, column 4: unexpected text after the JSON value")
        #expect(
            reason(String(repeating: "[", count: 10_000))
                == "not valid JSON at line 1, column 513: nested more than 512 levels deep")
    }

    @Test("integers read exactly at every length, on both sides of the 18 digits read without a String")
    func integers() async throws {
        for digits in 1...19 {
            let largest = String(repeating: "9", count: digits)
            let expected = Int(largest).map(JSONValue.int) ?? .double(Double(largest)!)
            #expect(try parse(largest) == expected, "\(digits) nines")
            #expect(try parse("-" + largest) == (Int("-" + largest).map(JSONValue.int) ?? .double(-Double(largest)!)))
            let power = "1" + String(repeating: "0", count: digits - 1)
            #expect(try parse("[" + power + "]") == .array([Int(power).map(JSONValue.int) ?? .double(Double(power)!)]))
        }
        #expect(try parse("-0") == .int(0))
        #expect(try parse("-9223372036854775808") == .int(Int.min))
        await propertyCheck(count: 300, input: Gen.int(in: Int.min...Int.max)) { (n: Int) in
            #expect((try? parse("[\(n), \(n / 1_000_000_000_000)]")) == .array([.int(n), .int(n / 1_000_000_000_000)]))
        }
    }

    @Test("strings: escapes, surrogate pairs, lone surrogates and invalid UTF-8 repaired")
    func strings() throws {
        #expect(try parse(#""\ud83d\ude42 \u00e9 \"q\" \\ \/""#) == .string("🙂 é \"q\" \\ /"))
        #expect(try parse(#""\ud800x""#) == .string("\u{FFFD}x"))
        #expect(try JSONDocumentParser.parse(Data([0x22, 0xFF, 0x41, 0x22])) == .string("\u{FFFD}A"))
        #expect(try parse("9223372036854775807") == .int(Int.max))
        #expect(try parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
    }
}
