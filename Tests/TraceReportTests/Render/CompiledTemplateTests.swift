import Foundation
import Mustache
import PropertyBased
import Testing

@testable import TraceReport

/// The compiled renderer must write exactly what swift-mustache writes: random
/// templates over random models, rendered both ways, compared byte for byte.
@Suite("Compiled templates: swift-mustache's output, without its dynamic lookups")
struct CompiledTemplateTests {
    /// A model with any mix of fields, as a page model would hold them.
    struct Model: TemplateObject {
        let fields: [String: TemplateValue]
        func value(named name: String) -> TemplateValue? { fields[name] }
    }

    static let texts = [
        "", "a", "x y", "<b>&'\"", "| pipe |", "`tick`", "*em*", "[l](u)", "결제", "é", "<\u{301}", "line\nbreak", "\r\n",
        "  lead", "#",
    ]
    static let plain = ["a", " ", "  ", "\n", "\t", "x y\n", "| ", " |\n", "<b>", "&amp;", "\r\n", "- ", "# "]
    /// Names whose values are always scalars, so `{{name}}` never prints a list or an object
    /// (swift-mustache prints Swift's debug description there, which the compiled renderer leaves out).
    static let variableNames = ["s", "t", "n", "b", "o.s", "o.n", ".s", "missing", "o.missing", "s.x"]
    static let sectionNames = ["items", "strs", "o", "b", "s", "n", "missing", "empty", "o.items", ".o"]

    static func model(_ rng: inout SplitMix, depth: Int) -> Model {
        var f: [String: TemplateValue] = [:]
        func maybe(_ key: String, _ make: (inout SplitMix) -> TemplateValue) {
            if Int.random(in: 0..<4, using: &rng) > 0 { f[key] = make(&rng) }
        }
        maybe("s") { .string(texts.randomElement(using: &$0)!) }
        maybe("t") { .string(texts.randomElement(using: &$0)!) }
        maybe("n") { .int(Int.random(in: -2...3, using: &$0)) }
        maybe("b") { .bool(Bool.random(using: &$0)) }
        maybe("strs") { r in
            .list((0..<Int.random(in: 0...3, using: &r)).map { _ in .string(texts.randomElement(using: &r)!) })
        }
        maybe("empty") { _ in .list([]) }
        if depth < 2 {
            maybe("o") { .object(model(&$0, depth: depth + 1)) }
            maybe("items") { r in
                .list((0..<Int.random(in: 0...3, using: &r)).map { _ in .object(model(&r, depth: depth + 1)) })
            }
        }
        return Model(fields: f)
    }

    static func template(_ rng: inout SplitMix, depth: Int, pieces: Int, partials: Bool = true) -> String {
        var out = ""
        for _ in 0..<pieces {
            switch Int.random(in: 0..<13, using: &rng) {
            case 0, 1: out += plain.randomElement(using: &rng)!
            case 2: out += "{{\(variableNames.randomElement(using: &rng)!)}}"
            case 3: out += "{{{\(variableNames.randomElement(using: &rng)!)}}}"
            case 4: out += "{{& \(variableNames.randomElement(using: &rng)!) }}"
            case 5 where depth < 3, 6 where depth < 3:
                let name = sectionNames.randomElement(using: &rng)!
                let open = Bool.random(using: &rng) ? "#" : "^"
                let standalone = Bool.random(using: &rng)
                let indent = Bool.random(using: &rng) ? "  " : ""
                let body = template(
                    &rng, depth: depth + 1, pieces: Int.random(in: 0...5, using: &rng), partials: partials)
                let dot = open == "#" && (name == "strs" || name == "s") ? "{{.}}" : ""
                out +=
                    standalone
                    ? "\n\(indent){{\(open)\(name)}}\n\(body)\(dot)\n\(indent){{/\(name)}}\n"
                    : "{{\(open)\(name)}}\(body)\(dot){{/\(name)}}"
            case 7: out += Bool.random(using: &rng) ? "{{! a comment }}" : "\n  {{! standalone }}\n"
            case 8: out += "\n{{% CONTENT_TYPE: \(["MARKDOWN", "TEXT", "HTML"].randomElement(using: &rng)!)}}\n"
            case 9 where partials:
                out +=
                    Bool.random(using: &rng) ? "{{> p}}" : "\n\(["", "  ", "\t"].randomElement(using: &rng)!){{> p}}\n"
            case 10: out += "{{o.s}}|{{n}}"
            default: out += "\n"
            }
        }
        return out
    }

    /// Both renderers over the same templates and model; nil when swift-mustache cannot parse the template.
    static func renderBoth(main: String, partial: String, model: Model) throws -> (compiled: String, mustache: String)?
    {
        MarkdownContentType.register
        guard let m = try? MustacheTemplate(string: main), let p = try? MustacheTemplate(string: partial) else {
            return nil
        }
        let library = MustacheLibrary(templates: ["main": m, "p": p])
        let compiled = try #require(TemplateTokenReader.compile(m))
        let compiledPartial = try #require(TemplateTokenReader.compile(p))
        let expected = try #require(library.render(MustacheBridge(object: model), withTemplate: "main"))
        return (
            String(
                decoding: compiled.render(.object(model), library: ["main": compiled, "p": compiledPartial]),
                as: UTF8.self),
            expected
        )
    }

    @Test("random templates over random models render exactly as swift-mustache renders them")
    func matchesSwiftMustache() async throws {
        var parsed = 0
        await propertyCheck(count: 1500, input: Gen.int(in: 0...Int.max)) { (seed: Int) in
            var rng = SplitMix(seed: UInt64(seed))
            let main = Self.template(&rng, depth: 0, pieces: Int.random(in: 1...12, using: &rng))
            let partial = Self.template(&rng, depth: 2, pieces: Int.random(in: 0...4, using: &rng), partials: false)  // a partial that includes itself never ends
            let model = Self.model(&rng, depth: 0)
            guard let (compiled, mustache) = try? Self.renderBoth(main: main, partial: partial, model: model) else {
                return
            }
            parsed += 1
            #expect(
                compiled == mustache,
                "seed \(seed)\ntemplate: \(main.debugDescription)\npartial: \(partial.debugDescription)")
        }
        #expect(parsed > 1000, "most generated templates parse: \(parsed)")
    }

    @Test("set delimiters, dotted names, the implicit iterator and nested stacks")
    func examples() throws {
        let model = Model(fields: [
            "title": .string("<T>"), "o": .object(Model(fields: ["s": .string("inner")])),
            "rows": .list([.object(Model(fields: ["s": .string("r1")])), .object(Model(fields: [:]))]),
            "s": .string("outer"),
        ])
        let main = "{{=<% %>=}}<%title%>|<%o.s%>|<%#rows%>[<%s%>]<%/rows%><%={{ }}=%>{{#o}}{{s}}{{title}}{{/o}}"
        let both = try #require(try Self.renderBoth(main: main, partial: "", model: model))
        #expect(both.compiled == "&lt;T&gt;|inner|[r1][outer]inner&lt;T&gt;")
        #expect(both.compiled == both.mustache)
    }

    @Test("the bundled templates all render with the compiled renderer")
    func bundledTemplatesCompile() throws {
        #expect(try TemplateSet.bundled().isCompiled)
    }

    @Test("a template that uses a transform falls back to swift-mustache, and still renders")
    func transformsFallBack() throws {
        let dir = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let repo = TestPaths.packageRoot.appendingPathComponent("Templates").path
        for file in TemplateSet.requiredFiles {
            try FileManager.default.copyItem(atPath: repo + "/" + file, toPath: dir + "/" + file)
        }
        try Data("{{% CONTENT_TYPE: MARKDOWN}}\n{{#stages}}{{index()}}:{{name}} {{/stages}}\n".utf8).write(
            to: URL(fileURLWithPath: dir + "/trace.mustache"))
        let templates = try TemplateSet.load(directory: dir)
        #expect(!templates.isCompiled)
        var trace = Trace(traceID: "t")
        trace.stageInputs = [stage("route_plan", [:]), stage("execute", nil)]
        #expect(try PageRenderer(templates: templates).traceMarkdown(analyse(trace)) == "0:route_plan 1:execute \n")
    }
}
