import Foundation
import Testing

@Suite("the library's layout")
struct LayoutTests {
    @Test("only Render/Engine imports Mustache or cmark-gfm, and only MarkdownConverter imports cmark-gfm")
    func engineBoundary() throws {
        let root = TestPaths.packageRoot.appendingPathComponent("Sources/TraceReport").path
        var importers: [String: [String]] = [:]
        for file in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? []
        where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for module in ["Mustache", "CCmarkGFM"]
            where text.contains("\nimport \(module)\n") || text.hasPrefix("import \(module)\n") {
                importers[module, default: []].append(file)
            }
        }
        #expect(importers["Mustache", default: []].allSatisfy { $0.hasPrefix("Render/Engine/") }, "\(importers)")
        #expect(importers["CCmarkGFM"] == ["Render/Engine/MarkdownConverter.swift"], "\(importers)")
    }

    @Test("no source file passes 250 lines")
    func fileLength() throws {
        let long = try Self.sources().filter {
            $0.text.split(separator: "\n", omittingEmptySubsequences: false).count > 251
        }
        #expect(long.map(\.file) == [])
    }

    /// The folders of the flow depend one way: Model ← Load ← Analyse ← Publish ← Render ← Flows (Rerun beside
    /// them); a type declared in one folder and used in another is a dependency, and no two folders may depend
    /// on each other.
    @Test("no two folders use each other's types", arguments: [1, 2])
    func oneWayFolders(depth: Int) throws {
        let sources = try Self.sources()
        // `Load/JSON/TraceDecoder.swift` is in `Load` at depth 1 and `Load/JSON` at depth 2; `Load/TraceLoader.swift` in `Load`.
        let folder = { (file: String) -> String in
            let parts = file.split(separator: "/").dropLast()
            return parts.isEmpty ? "." : parts.prefix(depth).joined(separator: "/")
        }
        var owner: [String: String] = [:]
        let declaration =
            /(?m)^(?:public |internal |private |fileprivate |final |indirect |@\w+ )*(?:struct|enum|class|protocol|actor|typealias) +([A-Z]\w*)/
        for source in sources {
            for match in source.text.matches(of: declaration) where owner[String(match.1)] == nil {
                owner[String(match.1)] = folder(source.file)
            }
        }
        var uses: [String: [String: Set<String>]] = [:]
        for source in sources {
            let here = folder(source.file)
            for word in Set(Self.code(source.text).matches(of: /\b[A-Z]\w*\b/).map { String($0.0) }) {
                guard let there = owner[word], there != here else { continue }
                uses[here, default: [:]][there, default: []].insert(word)
            }
        }
        var both: [String] = []
        for (a, targets) in uses {
            for (b, types) in targets where a < b {
                if let back = uses[b]?[a] { both.append("\(a) uses \(types.sorted()), \(b) uses \(back.sorted())") }
            }
        }
        #expect(both == [])
        if depth == 1 {
            #expect(uses["Load"]?["Analyse"] == nil && uses["Analyse"]?["Flows"] == nil, "\(uses)")
        }
    }

    /// The library's sources, by path below `Sources/TraceReport`.
    static func sources() throws -> [(file: String, text: String)] {
        let root = TestPaths.packageRoot.appendingPathComponent("Sources/TraceReport").path
        return try (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
            .map { ($0, try String(contentsOfFile: root + "/" + $0, encoding: .utf8)) }
    }

    /// Swift text without comments and string literals, where type names are only mentioned.
    static func code(_ text: String) -> String {
        text.replacing(/\/\/[^\n]*/, with: "").replacing(/"(?:[^"\\\n]|\\.)*"/, with: "\"\"")
    }
}
