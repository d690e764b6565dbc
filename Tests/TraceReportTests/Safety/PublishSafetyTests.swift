import Foundation
import Testing

@testable import TraceReport

@Suite("Publishing safely: killed builds, determinism, and the errors a user can cause", .temporaryFolder)
struct PublishSafetyTests {
    /// A copy of a site's `history.jsonl` in `folder`, for `--history-from`: a full build compared with
    /// an incremental one must start from the same history.
    static func keepHistory(of site: String, in folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: folder + "/" + BuildHistory.fileName)
        try FileManager.default.copyItem(
            atPath: site + "/" + BuildHistory.fileName, toPath: folder + "/" + BuildHistory.fileName)
    }

    /// Every file of a folder (dot files included) with its contents.
    static func tree(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { out[path] = FileManager.default.contents(atPath: root + "/" + path) }
        }
        return out
    }

    static func manyTraces(_ count: Int) -> String {
        (0..<count).map { i in
            #"{"trace_id": "t\#(i)", "question": "question \#(i) \#(String(repeating: "x", count: 200))", "applied_assets": {"prompt": {"name": "p", "version": 1, "source": "asset_registry"}, "queries": [{"name": "q\#(i)", "version": 2, "source": "asset_registry"}]}, "stage_inputs": [{"stage": "execute", "applied_assets": {"query:q\#(i)": "q\#(i) (v2)"}, "params": {"i": \#(i)}}, {"stage": "compose", "applied_assets": {"prompt": "p (v1)"}}]}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test("SIGKILL at any moment of a build leaves the previous site whole and readable")
    func killedBuilds() throws {
        let root = TemporaryFolder.path
        try Data(Self.manyTraces(4000).utf8).write(to: URL(fileURLWithPath: root + "/big.jsonl"))
        let first = try runTraceReport(["build", TestPaths.fixture("older-shape.json"), "--output", root + "/site"])
        #expect(first.status == 0)
        let before = Self.tree(root + "/site")
        var killedMidBuild = 0
        for delay in [0.0, 0.02, 0.08, 0.2, 0.5, 1.0, 2.0] {
            let child = try ChildProcess(TestPaths.binary, ["build", root + "/big.jsonl", "--output", root + "/site"])
            Thread.sleep(forTimeInterval: delay)
            child.send(SIGKILL)
            let ended = try child.wait()
            let after = Self.tree(root + "/site")
            if ended == .signaled(SIGKILL) {
                killedMidBuild += 1
                #expect(after == before, "killed after \(delay) s: the previous site must be untouched")
            } else {
                #expect(
                    after["index.html"] != nil && after.keys.count > 4000,
                    "finished before the kill: the new site is whole")
            }
        }
        #expect(killedMidBuild >= 4, "most kills land while the build is running")
        let last = try runTraceReport(["build", TestPaths.fixture("older-shape.json"), "--output", root + "/site"])
        #expect(last.status == 0)
        // The same pages as the first build; its history has two builds: no killed build added one.
        let history = String(decoding: Self.tree(root + "/site")[BuildHistory.fileName] ?? Data(), as: UTF8.self)
        #expect(history.split(separator: "\n").count == 2)
        let pages = { (tree: [String: Data]) in
            tree.filter { !["index.md", "index.html", BuildHistory.fileName].contains($0.key) }
        }
        #expect(pages(Self.tree(root + "/site")) == pages(before))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter {
            $0.contains("tracereport-tmp")
        }
        #expect(leftovers.isEmpty, "a later build removes what killed ones left: \(leftovers)")
    }

    @Test("byte-identical sites whatever --jobs and whatever order a folder's files were written in")
    func deterministic() throws {
        let root = TemporaryFolder.path
        #expect(try runTraceReport(["build", "--jobs", "1", "--output", root + "/one"]).status == 0)
        #expect(try runTraceReport(["build", "--jobs", "2", "--output", root + "/two"]).status == 0)
        #expect(Self.tree(root + "/one") == Self.tree(root + "/two"))
        let files = [
            "b.json": "{\"trace_id\": \"b\"}", "a.jsonl": "{\"trace_id\": \"a\"}\n",
            "sub/c.json": "{\"trace_id\": \"c\"}",
        ]
        for (folder, order) in [
            ("in1", ["a.jsonl", "b.json", "sub/c.json"]), ("in2", ["sub/c.json", "b.json", "a.jsonl"]),
        ] {
            for name in order {
                try FileManager.default.createDirectory(
                    atPath: "\(root)/\(folder)/sub", withIntermediateDirectories: true)
                try Data(files[name]!.utf8).write(to: URL(fileURLWithPath: "\(root)/\(folder)/\(name)"))
            }
        }
        _ = try runTraceReport(["build", root + "/in1", "--output", root + "/s1"], in: root)
        _ = try runTraceReport(["build", root + "/in2", "--output", root + "/s2"], in: root)
        let (s1, s2) = (Self.tree(root + "/s1"), Self.tree(root + "/s2"))
        #expect(s1.keys.sorted() == s2.keys.sorted())
        #expect(
            s1["index.html"].map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "in1", with: "in2") }
                == s2["index.html"].map { String(decoding: $0, as: UTF8.self) })
    }

    @Test("what a user can get wrong: one line naming the path, and exit 2")
    func userErrors() throws {
        let root = TemporaryFolder.path
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/afile"))
        let fileOutput = try runTraceReport(["build", "--output", root + "/afile"])
        #expect(fileOutput.status == 2)
        #expect(
            fileOutput.stderr.hasPrefix(
                "tracereport: error: --output \(root)/afile is a file, not a folder: pass a folder path (it is created if missing) (see tracereport build --help)\n"
            ))
        let emptyOutput = try runTraceReport(["build", "--output", ""])
        #expect(emptyOutput.status == 2)
        #expect(
            emptyOutput.stderr.hasPrefix(
                "tracereport: error: --output is empty: pass the folder to write to (it is created if missing) (see tracereport build --help)\n"
            ))
        let rerunToFile = try runTraceReport(["rerun", "--output", root + "/afile"])
        #expect(
            rerunToFile.status == 2
                && rerunToFile.stderr.hasPrefix("tracereport: error: --output \(root)/afile is a file"))

        let unwritable = try runTraceReport(["build", "--output", "/proc/tracereport-site"])
        #expect(unwritable.status == 2)
        #expect(
            unwritable.stderr.hasPrefix("tracereport: error: publish: /proc/tracereport-site: "),
            "the error names the path that was given")
        #expect(
            unwritable.stderr.contains("choose an --output you can write to")
                || unwritable.stderr.contains("cannot create"))
        #expect(unwritable.stderr.split(separator: "\n").count == 1)

        let missingInput = try runTraceReport(["check", root + "/nope.jsonl"])
        #expect(missingInput.status == 2)
        #expect(
            missingInput.stderr.contains(
                "tracereport: error: \(root)/nope.jsonl: no such file or folder: pass trace files (.json, .jsonl) or folders that hold them"
            ))

        try FileManager.default.createDirectory(atPath: root + "/tpl", withIntermediateDirectories: true)
        for name in TemplateSet.requiredFiles {
            try FileManager.default.copyItem(
                atPath: TestPaths.packageRoot.appendingPathComponent("Templates/" + name).path,
                toPath: root + "/tpl/" + name)
        }
        try Data("{{% CONTENT_TYPE: MARKDOWN}}\n# {{#rows}}\n".utf8).write(
            to: URL(fileURLWithPath: root + "/tpl/index.mustache"))
        let syntax = try runTraceReport(["build", "--templates", root + "/tpl", "--output", root + "/site"])
        #expect(syntax.status == 2)
        #expect(
            syntax.stderr
                == "tracereport: error: render: \(root)/tpl/index.mustache:3:1: Mustache syntax error (a section is opened but never closed) in: \n"
        )
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))
    }

    @Test("an unknown template name is an error naming the template, never an empty page")
    func unknownTemplate() throws {
        let templates = try TemplateSet.bundled()
        #expect(
            throws: TemplateError(
                path: "bundled templates/summary.mustache",
                reason:
                    "no such template: the template folder must hold trace.mustache, index.mustache, layout.mustache, style.css"
            )
        ) {
            try templates.render("summary", CompiledTemplateTests.Model(fields: [:]))
        }
    }
}

@Suite("Size: huge traces render, cut long values with a note, keep them whole in summary.json", .temporaryFolder)
struct SizeTests {
    @Test("a 1 MB asset name, 10,000 stages, 100,000 assets in a stage, a 50 MB trace")
    func hugeTraces() throws {
        let root = TemporaryFolder.path
        let name = String(repeating: "N", count: 1_000_000)
        let stages = (0..<10_000).map { #"{"stage": "s\#($0)", "applied_assets": {"query:q\#($0)": "q\#($0) (v1)"}}"# }
            .joined(separator: ",")
        let assets = (0..<100_000).map { #""query:q\#($0)": "q\#($0) (v1)""# }.joined(separator: ",")
        let rows = (0..<700_000).map { #"{"id": \#($0), "text": "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"}"# }
            .joined(separator: ",")
        let traces = [
            "name.json":
                #"{"trace_id": "big-name", "stage_inputs": [{"stage": "execute", "applied_assets": {"query:big": "\#(name) (v1)"}}]}"#,
            "stages.json": #"{"trace_id": "many-stages", "stage_inputs": [\#(stages)]}"#,
            "assets.json":
                #"{"trace_id": "many-assets", "stage_inputs": [{"stage": "execute", "applied_assets": {\#(assets)}}]}"#,
            "fifty.json":
                #"{"trace_id": "fifty-mb", "stage_inputs": [{"stage": "execute", "applied_assets": {"prompt": "p (v1)"}, "params": {"rows": [\#(rows)]}}]}"#,
        ]
        for (file, text) in traces {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/in/" + file).creatingFolder())
        }
        #expect(
            (try FileManager.default.attributesOfItem(atPath: root + "/in/fifty.json")[.size] as? Int ?? 0) > 50_000_000
        )
        let result = try runTraceReport(["build", root + "/in", "--output", root + "/site"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = { (id: String) in
            String(
                decoding: FileManager.default.contents(atPath: "\(root)/site/traces/\(id).md") ?? Data(), as: UTF8.self)
        }
        #expect(
            page("big-name").contains(
                MarkdownEscaper.escape("… [cut: 999765 more characters; the full value is in summary.json]")))
        #expect(page("big-name").utf8.count < 20_000)
        #expect(page("many-stages").components(separatedBy: "<a id=\"stage-").count - 1 == 10_000)
        #expect(page("many-assets").components(separatedBy: "| [query:q").count - 1 == 100_000)
        #expect(
            page("fifty-mb").contains("MiB of JSON, not kept: too large to show on the page)")
                && page("fifty-mb").utf8.count < 20_000,
            "the 50 MB of params are named by their size on the page, not kept")
        let summary = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let json = try JSONDocumentParser.parse(summary)
        guard case .array(let all)? = json.objectField("traces") else {
            Issue.record("no traces in summary.json")
            return
        }
        let big = all.first { $0.objectField("trace_id") == .string("big-name") }
        guard case .array(let bigStages)? = big?.objectField("stages") else {
            Issue.record("no stages")
            return
        }
        #expect(
            bigStages.first?.objectField("applied_assets")?.objectField("query:big") == .string(name + " (v1)"),
            "the full value is kept")
    }
}

extension URL {
    fileprivate func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}

@Suite("Incremental and parallel builds write what a full sequential build writes", .temporaryFolder)
struct IncrementalBuildTests {
    @Test(
        "after adding, changing and removing traces, an incremental build equals a full one byte for byte; templates changes rebuild all"
    )
    func incrementalEqualsFull() throws {
        let root = TemporaryFolder.path
        let lines = PublishSafetyTests.manyTraces(700).split(separator: "\n").map(String.init)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        let first = try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site", "--jobs", "2"])
        #expect(first.status == 0)
        // Change one trace, add one, drop one, duplicate an id so page names shift.
        var changed = lines
        changed[10] = changed[10].replacingOccurrences(of: "question 10 ", with: "question ten ")
        changed.remove(at: 20)
        changed.insert(changed[5].replacingOccurrences(of: "\"t5\"", with: "\"t600\""), at: 3)
        changed.append(#"{"trace_id": "brand-new", "question": "new"}"#)
        try Data((changed.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        let incremental = try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site", "--jobs", "2"])
        #expect(incremental.status == 0)
        #expect(incremental.stdout.contains("traces were unchanged since the last build"))
        let full = try runTraceReport([
            "build", root + "/t.jsonl", "--output", root + "/fresh", "--jobs", "1", "--history-from", root + "/seed",
        ])
        #expect(full.status == 0)
        #expect(!full.stdout.contains("unchanged"))
        let (a, b) = (PublishSafetyTests.tree(root + "/site"), PublishSafetyTests.tree(root + "/fresh"))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], "files that differ")

        // A template change makes every page new.
        try FileManager.default.createDirectory(atPath: root + "/tpl", withIntermediateDirectories: true)
        for name in TemplateSet.requiredFiles {
            var text = String(
                decoding: FileManager.default.contents(
                    atPath: TestPaths.packageRoot.appendingPathComponent("Templates/" + name).path)!, as: UTF8.self)
            if name == "trace.mustache" { text += "\nEdited footer.\n" }
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/tpl/" + name))
        }
        let restyled = try runTraceReport([
            "build", root + "/t.jsonl", "--output", root + "/site", "--templates", root + "/tpl",
        ])
        #expect(restyled.status == 0 && !restyled.stdout.contains("unchanged"))
        let page = String(decoding: FileManager.default.contents(atPath: root + "/site/traces/t1.md")!, as: UTF8.self)
        #expect(page.hasSuffix("Edited footer.\n"))
    }

    @Test("asset pages whose inputs did not change are the last build's files; the others are rendered anew")
    func assetPagesReused() throws {
        let root = TemporaryFolder.path
        var lines = PublishSafetyTests.manyTraces(30).split(separator: "\n").map(String.init)
        let write = {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        }
        try write()
        #expect(try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site"]).status == 0)
        func inode(_ page: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: root + "/site/" + page))?[.systemFileNumber] as? Int
        }
        let pages = ["assets/prompt.html", "assets/query/q10.md", "assets/query/q11.html", "assets/index.md"]
        let before = pages.map(inode)
        // Trace 10 now uses q10 v3: the query's page changes; the prompt's page and q11's do not.
        lines[10] = lines[10].replacingOccurrences(of: "q10 (v2)", with: "q10 (v3)").replacingOccurrences(
            of: #""name": "q10", "version": 2"#, with: #""name": "q10", "version": 3"#)
        try write()
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        #expect(try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site"]).status == 0)
        let after = pages.map(inode)
        #expect(
            after[0] == before[0] && after[2] == before[2], "unchanged asset pages are hard links of the last build's")
        #expect(after[1] != before[1], "the changed asset's page is written anew")
        #expect(after[3] != before[3], "the asset index counts every trace: rendered anew")
        #expect(
            try runTraceReport([
                "build", root + "/t.jsonl", "--output", root + "/fresh", "--history-from", root + "/seed",
            ]).status == 0)
        let (a, b) = (PublishSafetyTests.tree(root + "/site"), PublishSafetyTests.tree(root + "/fresh"))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], "files that differ")
        #expect(String(decoding: a["assets/query/q10.md"] ?? Data(), as: UTF8.self).contains("v3"))
    }

    @Test("a parallel build of many batches equals a sequential one")
    func parallelEqualsSequential() throws {
        let root = TemporaryFolder.path
        try Data(PublishSafetyTests.manyTraces(1100).utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        #expect(try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/p", "--jobs", "4"]).status == 0)
        #expect(try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/s", "--jobs", "1"]).status == 0)
        #expect(PublishSafetyTests.tree(root + "/p") == PublishSafetyTests.tree(root + "/s"))
    }
}

@Suite("Long indexes are split into pages", .temporaryFolder)
struct IndexPagesTests {
    @Test("two and a half pages of traces: three index pages with links between them, totals over all on the first")
    func pages() throws {
        let root = TemporaryFolder.path
        let per = IndexPageModel.rowsPerPage
        let count = 2 * per + per / 2
        try Data(PublishSafetyTests.manyTraces(count).utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        let result = try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site"])
        // A page per trace, 3 index pages, two asset pages (its own, its traces) per query (each trace's own)
        // and for the prompt, the asset index: each as Markdown and HTML.
        #expect(
            result.stdout.contains("\(count) traces (0 ran no stage), \((count + 3 + 2 * (count + 1) + 1) * 2) pages"))
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        #expect(site.htmlPages.filter { $0.hasPrefix("index") } == ["index-2.html", "index-3.html", "index.html"])
        #expect(site.brokenLinks().broken.isEmpty)
        let second = site.text("index-2.md")
        #expect(second.contains("Pages: [1](index.md) **2** [3](index-3.md)"))
        #expect(site.text("index.md").contains("| \(count) |"), "totals count every trace")
        #expect(site.text("index.md").contains("Pages: **1** [2](index-2.md) [3](index-3.md)"))
        #expect(
            !second.contains("| \(count) |")
                && second.contains("Totals and verdicts over all traces are on [page 1](index.md)."))
        #expect(second.components(separatedBy: "](traces/").count - 1 == per)
        #expect(site.text("index-3.md").components(separatedBy: "](traces/").count - 1 == per / 2)
    }

    @Test("a later page links the first, its neighbours and itself")
    func pageLinks() {
        #expect(IndexPageModel.pageLinks(1, of: 4) == [1, 2, 3, 4])
        #expect(IndexPageModel.pageLinks(3, of: 7) == [1, 2, 3, 4])
        #expect(IndexPageModel.pageLinks(7, of: 7) == [1, 6, 7])
        #expect(IndexPageModel.pageLinks(2, of: 2) == [1, 2])
    }

    @Test("an incremental build takes unchanged index pages over from the last build and renders the others")
    func unchangedIndexPagesReused() throws {
        let root = TemporaryFolder.path
        let per = IndexPageModel.rowsPerPage
        var lines = PublishSafetyTests.manyTraces(3 * per + per / 2).split(separator: "\n").map(String.init)
        let write = {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        }
        try write()
        #expect(try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site"]).status == 0)
        func inode(_ name: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: root + "/site/" + name)[.systemFileNumber] as! Int
        }
        let before = try ["index.md", "index-2.md", "index-3.md", "index-4.html"].map(inode)
        // A trace on page 3 changes: page 3 and the first page (totals) are new, pages 2 and 4 are the last build's files.
        let changed = 2 * per + per / 2
        lines[changed] = lines[changed].replacingOccurrences(of: "question \(changed) ", with: "question changed ")
        try write()
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        #expect(try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site"]).status == 0)
        let after = try ["index.md", "index-2.md", "index-3.md", "index-4.html"].map(inode)
        #expect(after[0] != before[0] && after[2] != before[2], "pages holding changed totals or rows are written anew")
        #expect(
            after[1] == before[1] && after[3] == before[3],
            "pages whose rows did not change are hard links of the last build's")
        #expect(
            try runTraceReport([
                "build", root + "/t.jsonl", "--output", root + "/fresh", "--history-from", root + "/seed",
            ]).status == 0)
        for name in ["index.md", "index-2.md", "index-3.md", "index-4.md", "index-4.html"] {
            #expect(
                FileManager.default.contents(atPath: root + "/site/" + name)
                    == FileManager.default.contents(atPath: root + "/fresh/" + name), "\(name)")
        }
    }
}
