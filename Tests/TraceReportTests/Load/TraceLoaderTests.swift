import Foundation
import Testing

@testable import TraceReport

@Suite("Trace loader: files, folders, JSONL, and errors that name file, line and path")
struct TraceLoaderTests {
    func load(_ inputs: [TraceInput]) -> (traces: [LoadedTrace], errors: [String]) {
        var traces: [LoadedTrace] = []
        var errors: [String] = []
        TraceLoader().load(inputs) { result in
            switch result {
            case .trace(let t): traces.append(t)
            case .failure(let e): errors.append(e.errorDescription ?? "")
            }
        }
        return (traces, errors)
    }

    func bytes(_ name: String, _ text: String) -> TraceInput { .bytes(name: name, data: Data(text.utf8)) }

    @Test("a folder is read recursively in sorted path order, and every broken file says what is wrong")
    func brokenFolder() {
        let folder = TestPaths.fixture("broken")
        let (traces, errors) = load([.path(folder)])
        #expect(traces.map(\.trace.traceID) == ["ok-in-array", "with-bom", "good-1", "good-5"])
        #expect(
            errors == [
                "\(folder)/array-of-non-objects.json: $[0]: expected a trace object, found a number",
                "\(folder)/array-of-non-objects.json: $[1]: expected a trace object, found a string",
                "\(folder)/empty.json: no JSON here: the text is empty",
                "\(folder)/mixed.jsonl:2: $.stage_inputs: expected an array, found a string",
                "\(folder)/mixed.jsonl:3: not valid JSON at line 1, column 1: unexpected text: not a JSON value (true, false, null, a number, a string, an array or an object)",
                "\(folder)/truncated.json: not valid JSON at line 1, column 28: unexpected end of the text: a value is missing",
                "\(folder)/wrong-types.json: $.route: expected a string, found a number",
            ])
    }

    @Test("a bad JSONL line is reported with its number while the good lines load with theirs")
    func jsonlLineNumbers() {
        let (traces, errors) = load([bytes("x.jsonl", "{\"trace_id\": \"a\"}\n\n{\"trace_id\": 7, \"route\": []}\n{\"trace_id\": \"c\"}\n")])
        #expect(traces.map(\.source) == ["x.jsonl:1", "x.jsonl:4"])
        #expect(traces.map(\.trace.traceID) == ["a", "c"])
        #expect(errors == ["x.jsonl:3: $.route: expected a string, found an array"])
    }

    @Test("a nested wrong type names its JSON path")
    func nestedPath() {
        let (_, errors) = load([bytes("t.json", #"{"trace_id": "t", "stage_inputs": [{"stage": "a"}, {"stage": "b", "applied_assets": {"query:x y": 3}}]}"#)])
        #expect(errors == [#"t.json: $.stage_inputs[1].applied_assets["query:x y"]: expected a display string or an asset object, found a number"#])
    }

    @Test("a missing trace_id is an error; a numeric one is read as text")
    func traceID() {
        let (traces, errors) = load([bytes("t.jsonl", "{\"question\": \"q\"}\n{\"trace_id\": null}\n{\"trace_id\": 42}")])
        #expect(errors == ["t.jsonl:1: $.trace_id: missing: every trace needs a trace_id", "t.jsonl:2: $.trace_id: missing: every trace needs a trace_id"])
        #expect(traces.map(\.trace.traceID) == ["42"])
    }

    @Test("a UTF-8 byte-order mark is accepted in JSON and on the first JSONL line")
    func byteOrderMark() {
        let (traces, errors) = load([bytes("a.json", "\u{FEFF}{\"trace_id\": \"a\"}"), bytes("b.jsonl", "\u{FEFF}{\"trace_id\": \"b\"}\n")])
        #expect(errors.isEmpty)
        #expect(traces.map(\.trace.traceID) == ["a", "b"])
    }

    @Test("CRLF line endings are fine in JSONL")
    func crlf() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("{\"trace_id\": \"a\"}\r\n{\"trace_id\": \"b\"}\r\n".utf8).write(to: URL(fileURLWithPath: folder + "/x.jsonl"))
        let (traces, errors) = load([.path(folder + "/x.jsonl")])
        #expect(errors.isEmpty)
        #expect(traces.map(\.source) == ["\(folder)/x.jsonl:1", "\(folder)/x.jsonl:2"])
    }

    @Test("an empty array and a top-level scalar are errors")
    func emptyArrayAndScalar() {
        let (_, errors) = load([bytes("a.json", "[]"), bytes("b.json", "\"x\"")])
        #expect(errors == ["a.json: the array holds no traces", "b.json: expected a trace object or an array of them, found a string"])
    }

    @Test("a path that does not exist is an input error naming it")
    func missingPath() {
        let (_, errors) = load([.path("/nonexistent/traces.json")])
        #expect(errors == ["/nonexistent/traces.json: no such file or folder: check the path"])
    }

    @Test("a site tracereport wrote inside an input folder is not read as traces")
    func skipsSites() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/site", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: folder + "/site/" + TraceLoader.siteMarker))
        try Data("{\"traces\": []}".utf8).write(to: URL(fileURLWithPath: folder + "/site/summary.json"))
        try Data("{\"trace_id\": \"real\"}".utf8).write(to: URL(fileURLWithPath: folder + "/t.json"))
        let (traces, errors) = load([.path(folder)])
        #expect(errors.isEmpty)
        #expect(traces.map(\.trace.traceID) == ["real"])
    }

    @Test("every field of the inspector export is read")
    func fullTrace() throws {
        let (traces, errors) = load([.path(TestPaths.fixture("older-shape.json"))])
        #expect(errors.isEmpty)
        let trace = try #require(traces.first).trace
        #expect(trace.question == "Show CPU usage of api-gateway")
        #expect(trace.durationMS == 1234.5)
        #expect(trace.assetOverrides == ["prompt:ci_compose_prompt": "ci_compose_prompt (v9-canary)"])
        #expect(trace.fallbacks == ["mapping": true])
        #expect(trace.appliedAssets?.slots.map(\.kind) == ["prompt", "policy", "mapping", "source", "schema"])
        #expect(trace.appliedAssets?.lists.map(\.kind) == ["query", "screen"])
        #expect(trace.stageInputs?.count == 5)
        #expect(trace.stageOutputs?[2].warnings == ["mapping from fallback"])
        #expect(trace.stageOutputs?[2].counts == .object(["rows": .int(12)]))
        if case .info(let info)? = trace.stageInputs?[4].appliedAssets?.first?.value {
            #expect(info.screenID == "screen_arch")
        } else {
            Issue.record("a raw asset info in a stage map is kept as an info")
        }
    }

    @Test("asset info keeps a null source apart from a missing one, and versions of every JSON type")
    func assetInfoFields() throws {
        let info = try TraceDecoder.decodeAssetInfo(.object(["name": .string("x"), "source": .null, "version": .string("2b")]), at: .root)
        #expect(info.source == .null && info.version == .string("2b"))
        let other = try TraceDecoder.decodeAssetInfo(.object(["name": .string("x"), "version": .int(3)]), at: .root)
        #expect(other.source == .absent && other.version == .int(3))
        #expect(throws: TraceFieldError(path: JSONPath.root.key("source"), reason: "expected a string or null, found a number")) {
            try TraceDecoder.decodeAssetInfo(.object(["source": .int(1)]), at: .root)
        }
    }
}
