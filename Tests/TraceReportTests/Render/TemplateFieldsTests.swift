import Foundation
import Testing

/// Templates read a page model through its `fields` table. A property left out of the table renders
/// as an empty section without any error, so every table is checked against its struct here.
@Suite("Template field tables list exactly their struct's stored properties")
struct TemplateFieldsTests {
    struct Model {
        var name: String
        var file: String
        var stored: [String] = []
        /// Key → the property its accessor reads.
        var table: [(key: String, property: String)] = []
    }

    /// Every `struct …: TemplateFields` of the library's sources, with its stored properties (at its own
    /// nesting level: not those of the structs declared inside it) and its table.
    static func models() throws -> [Model] {
        let root = TestPaths.packageRoot.appendingPathComponent("Sources/TraceReport").path
        var models: [Model] = []
        let files =
            FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            ?? []
        let declaration = try Regex(#"^\s*(?:public |private |fileprivate )?struct (\w+)\s*:[^{]*\bTemplateFields\b"#)
        let stored = try Regex(
            #"^\s*(?:public |private(?:\(set\))? |fileprivate )?(?:let|var) (\w+)\s*(?::[^={]*)?(=.*)?$"#)
        let entry = try Regex(#""(\w+)": \{ \$0\.(\w+)\."#)
        for file in files.sorted() {
            let lines = try String(contentsOfFile: root + "/" + file, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            // Open models by the brace depth their bodies are at.
            var open: [(depth: Int, model: Model)] = []
            var depth = 0
            var inTable = false
            for line in lines {
                let text = String(line)
                if inTable || (open.last.map { depth == $0.depth } ?? false) && text.contains("static let fields") {
                    // A table on one line, or over several up to its closing bracket.
                    open[open.count - 1].model.table += text.matches(of: entry).map {
                        (String($0.output[1].substring ?? ""), String($0.output[2].substring ?? ""))
                    }
                    inTable = !text.trimmingCharacters(in: .whitespaces).hasSuffix("])")
                } else if let match = text.firstMatch(of: declaration) {
                    open.append((depth + 1, Model(name: String(match.output[1].substring ?? ""), file: file)))
                } else if let current = open.last, depth == current.depth, !text.contains("static "),
                    let match = text.firstMatch(of: stored)
                {
                    open[open.count - 1].model.stored.append(String(match.output[1].substring ?? ""))
                }
                depth += text.filter { $0 == "{" }.count - text.filter { $0 == "}" }.count
                while let last = open.last, depth < last.depth {
                    models.append(last.model)
                    open.removeLast()
                }
            }
        }
        return models
    }

    @Test("every model's table lists each stored property once, under its own name, and nothing else")
    func tablesMatchStructs() throws {
        let models = try Self.models()
        #expect(models.count >= 28, "found \(models.count) models: the scan missed some")
        for model in models {
            let where_ = "\(model.file): \(model.name)"
            #expect(!model.table.isEmpty, "\(where_) has no fields table")
            #expect(
                model.table.allSatisfy { $0.key == $0.property },
                "\(where_): a key reads another property: \(model.table.filter { $0.key != $0.property })")
            #expect(
                Set(model.table.map(\.key)) == Set(model.stored),
                "\(where_): listed \(model.table.map(\.key).sorted()), stored \(model.stored.sorted())")
            #expect(model.table.count == Set(model.table.map(\.key)).count, "\(where_): a key listed twice")
        }
    }
}
