import Foundation

/// Parses bytes into a `JSONValue`, with the parser's own account of what
/// is wrong (`Invalid value around character 5`) when they are not JSON.
enum JSONDocumentParser {
    static func parse(_ data: Data) throws(TraceFieldError) -> JSONValue {
        var data = data
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw TraceFieldError(path: .root, reason: "no JSON here: the text is empty")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw TraceFieldError(path: .root, reason: "not valid JSON: " + detail(data))
        }
    }

    /// JSONDecoder says only "not valid JSON"; JSONSerialization says where.
    private static func detail(_ data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if var text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                if text.hasSuffix(".") { text.removeLast() }
                return located(text, in: data)
            }
        }
        if String(data: data, encoding: .utf8) == nil { return "the text is not UTF-8" }
        return "the parser rejected it"
    }

    /// `Invalid value around character 57` → `Invalid value at line 3, column 12`.
    private static func located(_ text: String, in data: Data) -> String {
        guard let range = text.range(of: "around character "), let offset = Int(text[range.upperBound...]), offset <= data.count else {
            return text
        }
        var line = 1
        var column = 1
        for byte in data.prefix(max(0, offset - 1)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return text[..<range.lowerBound] + "at line \(line), column \(column)"
    }
}
