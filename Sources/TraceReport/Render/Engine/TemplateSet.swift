import Foundation
import Mustache

/// The parsed templates and stylesheet a build renders with: a user's
/// `Templates/` folder, or the copy compiled into the binary.
public struct TemplateSet: Sendable {
    /// The Markdown page of one trace.
    public static let trace = "trace"
    /// The Markdown index of all traces.
    public static let index = "index"
    /// The HTML page around converted Markdown.
    public static let layout = "layout"
    /// The Markdown page of one asset across the batch.
    public static let asset = "asset"
    /// The Markdown page of the traces behind one asset's lists.
    public static let assetTraces = "asset-traces"
    /// The Markdown index of every asset.
    public static let assets = "assets"
    /// The Markdown index of the golden queries.
    public static let goldenIndex = "golden-index"
    /// The Markdown page of one golden query and its runs.
    public static let golden = "golden"
    /// Files a template folder must hold.
    public static let requiredFiles = ["trace.mustache", "index.mustache", "layout.mustache", "style.css"]
    /// Templates added later: a folder made before them renders them with the bundled copies.
    static let laterFiles: [String: [UInt8]] = [
        "asset.mustache": PackageResources.asset_mustache, "assets.mustache": PackageResources.assets_mustache,
        "asset-traces.mustache": PackageResources.asset_traces_mustache,
        "golden.mustache": PackageResources.golden_mustache,
        "golden-index.mustache": PackageResources.golden_index_mustache,
    ]

    let library: MustacheLibrary
    /// The same templates for the fast renderer, compiled on a thread of their own.
    private let compiledTemplates: CompiledTemplates
    /// The same templates for the fast renderer; nil when one uses what only swift-mustache renders.
    var compiled: [String: CompiledTemplate]? { compiledTemplates.templates }
    /// The stylesheet, copied to the site as `style.css`.
    public let stylesheet: String
    /// The site icon, copied as `favicon.svg`: the folder's own, else the bundled one.
    public let icon: String
    /// Where the templates came from, for messages.
    public let origin: String
    /// A digest of every template's text: a build made with other templates is a different build.
    public let fingerprint: String

    /// The templates compiled into the binary, identical to the repository's `Templates/`.
    public static func bundled() throws(TemplateError) -> TemplateSet {
        let files: [String: [UInt8]] = [
            "trace.mustache": PackageResources.trace_mustache, "index.mustache": PackageResources.index_mustache,
            "layout.mustache": PackageResources.layout_mustache, "style.css": PackageResources.style_css,
            "favicon.svg": PackageResources.favicon_svg,
        ].merging(laterFiles) { first, _ in first }
        return try make(
            files.mapValues { String(decoding: $0, as: UTF8.self) }, origin: "bundled templates",
            pathPrefix: "(bundled)/")
    }

    /// The templates in `directory`.
    public static func load(directory: String) throws(TemplateError) -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw TemplateError(
                path: directory,
                reason:
                    "no such template folder: pass --templates with a folder that holds \(requiredFiles.joined(separator: ", ")), or leave --templates out to use the bundled templates"
            )
        }
        guard isDirectory.boolValue else {
            throw TemplateError(
                path: directory,
                reason:
                    "is a file, not a template folder: pass the folder that holds \(requiredFiles.joined(separator: ", "))"
            )
        }
        var texts: [String: String] = [:]
        for file in requiredFiles {
            let path = (directory as NSString).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: path) else {
                throw TemplateError(
                    path: path, reason: "template missing: copy it from the repository's Templates/ folder")
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw TemplateError(
                    path: path, reason: "cannot read this template as UTF-8 text: check its permissions and encoding")
            }
            texts[file] = text
        }
        for (file, bundled) in laterFiles {
            let path = (directory as NSString).appendingPathComponent(file)
            texts[file] =
                FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
                ?? String(decoding: bundled, as: UTF8.self)
        }
        let iconPath = (directory as NSString).appendingPathComponent("favicon.svg")
        texts["favicon.svg"] = FileManager.default.contents(atPath: iconPath).map {
            String(decoding: $0, as: UTF8.self)
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return try make(texts, origin: directory, pathPrefix: prefix)
    }

    private static func make(_ texts: [String: String], origin: String, pathPrefix: String) throws(TemplateError)
        -> TemplateSet
    {
        MarkdownContentType.register
        // Parsed on every core (parsing was a twentieth of a build that changed one trace, all on one thread
        // before anything else could start); a failure is said for the first file by name that has one.
        let files = texts.keys.filter { $0.hasSuffix(".mustache") }.sorted()
        let parsed = try? ParallelWork.map(files, jobs: ProcessInfo.processInfo.activeProcessorCount) {
            file -> Result<MustacheTemplate, TemplateError> in
            do {
                return .success(try MustacheTemplate(string: texts[file]!))
            } catch let error as MustacheTemplate.ParserError {
                let c = error.context
                return .failure(
                    TemplateError(
                        path: "\(pathPrefix)\(file):\(c.lineNumber):\(c.columnNumber)",
                        reason:
                            "Mustache syntax error (\(describe(error.error))) in: \(c.line.trimmingCharacters(in: .whitespaces))"
                    ))
            } catch {
                return .failure(TemplateError(path: pathPrefix + file, reason: "cannot parse this template: \(error)"))
            }
        }
        var templates: [String: MustacheTemplate] = [:]
        for (file, result) in zip(files, parsed ?? []) {
            templates[String(file.dropLast(".mustache".count))] = try result.get()
        }
        let digest = (requiredFiles + laterFiles.keys.sorted() + ["favicon.svg"]).map { "\($0)\u{0}\(texts[$0] ?? "")" }
            .joined(separator: "\u{1}")
        return TemplateSet(
            library: MustacheLibrary(templates: templates),
            compiledTemplates: CompiledTemplates(templates),
            stylesheet: texts["style.css"] ?? "",
            icon: texts["favicon.svg"] ?? String(decoding: PackageResources.favicon_svg, as: UTF8.self), origin: origin,
            fingerprint: StableHash.hex(digest))
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "an illegal tag inside an inherit section"
        case .textInsideInheritSection: return "text inside an inherit section"
        case .invalidConfigVariableSyntax: return "a {{% … }} setting is malformed"
        case .unrecognisedConfigVariable: return "an unknown {{% … }} setting or content type"
        }
    }

    /// Whether every template renders with `CompiledTemplate` (else all go through swift-mustache).
    var isCompiled: Bool { compiled != nil }

    /// Renders the named template; a missing name is a `TemplateError`, never an empty page.
    func render(_ name: String, _ object: any TemplateObject) throws(TemplateError) -> String {
        if let compiled = compiledTemplates.local {
            return String(decoding: try renderBytes(name, object, compiled), as: UTF8.self)
        }
        guard let text = library.render(MustacheBridge(object: object), withTemplate: name) else {
            throw missing(name)
        }
        return text
    }

    /// The same as UTF-8 bytes, for text worked on as bytes before it is a page.
    func renderBytes(_ name: String, _ object: any TemplateObject) throws(TemplateError) -> [UInt8] {
        if let compiled = compiledTemplates.local { return try renderBytes(name, object, compiled) }
        return Array(try render(name, object).utf8)
    }

    private func renderBytes(
        _ name: String, _ object: any TemplateObject, _ compiled: [String: CompiledTemplate]
    ) throws(TemplateError) -> [UInt8] {
        guard let template = compiled[name] else { throw missing(name) }
        return template.render(.object(object), library: compiled)
    }

    private func missing(_ name: String) -> TemplateError {
        TemplateError(
            path: "\(origin)/\(name).mustache",
            reason: "no such template: the template folder must hold \(Self.requiredFiles.joined(separator: ", "))")
    }
}
