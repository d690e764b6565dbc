import Foundation
import Testing

@testable import TraceReport

@Suite("Template set: the user's templates, or clear errors")
struct TemplateSetTests {
    func folder(with files: [String: String]) throws -> String {
        let folder = try TestPaths.temporaryFolder()
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        return folder
    }

    var repositoryTemplates: [String: String] {
        Dictionary(
            uniqueKeysWithValues: TemplateSet.requiredFiles.map { name in
                (
                    name,
                    String(
                        decoding: FileManager.default.contents(
                            atPath: TestPaths.packageRoot.appendingPathComponent("Templates/" + name).path)!,
                        as: UTF8.self)
                )
            })
    }

    @Test("the bundled templates are the repository's Templates folder")
    func bundledMatchesRepository() throws {
        let bundled = try TemplateSet.bundled()
        let repo = try TemplateSet.load(directory: TestPaths.packageRoot.appendingPathComponent("Templates").path)
        #expect(bundled.fingerprint == repo.fingerprint)
    }

    @Test("a missing folder names it and says what to do")
    func missingFolder() {
        #expect(
            throws: TemplateError(
                path: "/nope/Templates",
                reason:
                    "no such template folder: pass --templates with a folder that holds trace.mustache, index.mustache, layout.mustache, style.css, or leave --templates out to use the bundled templates"
            )
        ) {
            try TemplateSet.load(directory: "/nope/Templates")
        }
    }

    @Test("a missing template names the file")
    func missingTemplate() throws {
        var files = repositoryTemplates
        files["layout.mustache"] = nil
        let dir = try folder(with: files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(
            throws: TemplateError(
                path: dir + "/layout.mustache",
                reason: "template missing: copy it from the repository's Templates/ folder")
        ) {
            try TemplateSet.load(directory: dir)
        }
    }

    @Test("a Mustache syntax error names file, line and column")
    func syntaxError() throws {
        var files = repositoryTemplates
        files["index.mustache"] = "{{% CONTENT_TYPE: MARKDOWN}}\n# Title\n{{#rows}}\n| {{traceID}} |\n{{/cells}}\n"
        let dir = try folder(with: files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try TemplateSet.load(directory: dir)
            Issue.record("a broken template must not load")
        } catch {
            #expect(error.path == dir + "/index.mustache:5:4")
            #expect(
                error.reason
                    == "Mustache syntax error (a section is closed with a different name than it was opened with) in: {{/cells}}"
            )
        }
    }

    @Test("templates are parsed side by side; with two broken, the first by name is the one said, every time")
    func twoBroken() throws {
        var files = repositoryTemplates
        files["trace.mustache"] = "{{#stages}}\n"
        files["index.mustache"] = "{{/rows}}\n"
        let dir = try folder(with: files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for _ in 0..<5 {
            #expect(throws: TemplateError.self) { try TemplateSet.load(directory: dir) }
            do { _ = try TemplateSet.load(directory: dir) } catch {
                #expect(error.path.hasPrefix(dir + "/index.mustache:"))
            }
        }
    }

    @Test("an edited template restyles the report without rebuilding")
    func editedTemplate() throws {
        var files = repositoryTemplates
        files["trace.mustache"] = "{{% CONTENT_TYPE: MARKDOWN}}\nCUSTOM {{traceID}}\n"
        let dir = try folder(with: files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let renderer = PageRenderer(templates: try TemplateSet.load(directory: dir))
        #expect(try renderer.traceMarkdown(analyse(Trace(traceID: "a_b"))) == "CUSTOM a_b\n")
    }
}
