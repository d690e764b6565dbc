import Foundation
import Testing

@testable import TraceReport

@Suite("Trace loader: files, folders, JSONL, and errors that name file, line and path")
struct TraceLoaderTests {
    func load(_ inputs: [TraceInput]) -> (traces: [LoadedTrace], errors: [String]) {
        var traces: [LoadedTrace] = []
        var errors: [String] = []
        for result in TraceLoader().results(inputs) {
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
        #expect(
            traces.map(\.trace.traceID) == ["ok-in-array", "with-bom", "good-1", "bad-line", "good-5", "wrong-types"])
        #expect(
            traces.first { $0.trace.traceID == "bad-line" }?.trace.fieldIssues == [
                FieldIssue(path: "$.stage_inputs", reason: "expected an array, found a string: ignored")
            ])
        #expect(
            traces.last?.trace.fieldIssues == [
                FieldIssue(path: "$.route", reason: "expected a string, found a number: read as 5")
            ])
        #expect(
            errors == [
                "\(ShownPath.relative(folder))/array-of-non-objects.json: $[0]: expected a trace object, found a number",
                "\(ShownPath.relative(folder))/array-of-non-objects.json: $[1]: expected a trace object, found a string",
                "\(ShownPath.relative(folder))/empty.json: no JSON here: the text is empty",
                "\(ShownPath.relative(folder))/mixed.jsonl:3: not valid JSON at line 1, column 1: unexpected text: not a JSON value (true, false, null, a number, a string, an array or an object)",
                "\(ShownPath.relative(folder))/truncated.json: not valid JSON at line 1, column 28: unexpected end of the text: a value is missing",
            ])
    }

    @Test("a bad JSONL line is reported with its number while the good lines load with theirs")
    func jsonlLineNumbers() {
        let (traces, errors) = load([
            bytes("x.jsonl", "{\"trace_id\": \"a\"}\n\n{\"trace_id\": [7], \"route\": []}\n{\"trace_id\": \"c\"}\n")
        ])
        #expect(traces.map(\.source) == ["x.jsonl:1", "x.jsonl:4"])
        #expect(traces.map(\.trace.traceID) == ["a", "c"])
        #expect(errors == ["x.jsonl:3: $.trace_id: expected a string, found an array"])
    }

    @Test("a wrong type deep inside a trace names its JSON path and keeps the trace")
    func nestedPath() throws {
        let (traces, errors) = load([
            bytes(
                "t.json",
                #"{"trace_id": "t", "stage_inputs": [{"stage": "a"}, {"stage": "b", "applied_assets": {"query:x y": {"name": "x y", "version": {"major": 1}}}}]}"#
            )
        ])
        #expect(errors.isEmpty)
        #expect(
            try #require(traces.first).trace.fieldIssues == [
                FieldIssue(
                    path: #"$.stage_inputs[1].applied_assets["query:x y"].version"#,
                    reason: "expected a number, string or null, found an object: ignored")
            ])
    }

    @Test("only a missing, null or container trace_id loses the trace; a numeric one is read as text and flagged")
    func traceID() throws {
        let (traces, errors) = load([
            bytes("t.jsonl", "{\"question\": \"q\"}\n{\"trace_id\": null}\n{\"trace_id\": 42}\n{\"trace_id\": {}}\n[1]")
        ])
        #expect(
            errors == [
                "t.jsonl:1: $.trace_id: missing: every trace needs a trace_id",
                "t.jsonl:2: $.trace_id: missing: every trace needs a trace_id",
                "t.jsonl:4: $.trace_id: expected a string, found an object",
                "t.jsonl:5: expected a trace object, found an array",
            ])
        #expect(traces.map(\.trace.traceID) == ["42"])
        #expect(
            try #require(traces.first).trace.fieldIssues == [
                FieldIssue(path: "$.trace_id", reason: "expected a string, found a number: read as 42")
            ])
    }

    @Test(
        "fields the report only displays keep the trace when their type is wrong: read as text or a number where that is safe, else ignored"
    )
    func displayedFields() throws {
        let trace = try decode(
            #"{"trace_id": "t", "duration_ms": "12.5", "question": 7, "status": ["ok"], "fallbacks": {"mapping": "yes"}, "asset_versions": ["a", 3, {}], "stage_outputs": [{"stage": "x", "duration_ms": "slow"}, 4]}"#
        )
        #expect(trace.durationMS == 12.5 && trace.question == "7" && trace.status == nil && trace.fallbacks.isEmpty)
        #expect(trace.assetVersions == ["a", "3"])
        #expect(trace.stageOutputs?.map(\.stage) == ["x"])
        #expect(
            trace.fieldIssues.map { "\($0.path): \($0.reason)" } == [
                "$.question: expected a string, found a number: read as 7",
                "$.status: expected a string, found an array: ignored",
                "$.duration_ms: expected a number, found a string: read as 12.5",
                "$.asset_versions[1]: expected a string, found a number: read as 3",
                "$.asset_versions[2]: expected a string, found an object: ignored",
                #"$.fallbacks.mapping: expected a boolean, found a string: ignored"#,
                "$.stage_outputs[0].duration_ms: expected a number, found a string: ignored",
                "$.stage_outputs[1]: expected a stage output object, found a number: ignored",
            ])
    }

    @Test(
        "stage applied_assets of other shapes are kept: a list under a list key per element, any other value as it is")
    func stageAssetShapes() throws {
        let trace = try decode(
            #"{"trace_id": "t", "stage_inputs": [{"stage": "execute", "applied_assets": {"queries": ["query1 (v2)", {"name": "q2", "version": 1}, 3], "schema": "db_schema (v3)", "prompt": ["a"], "policy": null, "x": true}}]}"#
        )
        let assets = try #require(trace.stageInputs?.first?.appliedAssets)
        #expect(assets.map(\.key) == ["policy", "prompt", "queries", "schema", "x"])
        #expect(
            assets.map(\.value) == [
                .unexpected(.null), .unexpected(.array([.string("a")])),
                .list([.display("query1 (v2)"), .info(AssetInfo(name: "q2", version: .int(1))), .unexpected(.int(3))]),
                .display("db_schema (v3)"), .unexpected(.bool(true)),
            ])
        #expect(trace.fieldIssues.isEmpty, "shapes are reported by the analysis, per stage and key")
    }

    @Test("a UTF-8 byte-order mark is accepted in JSON and on the first JSONL line")
    func byteOrderMark() {
        let (traces, errors) = load([
            bytes("a.json", "\u{FEFF}{\"trace_id\": \"a\"}"), bytes("b.jsonl", "\u{FEFF}{\"trace_id\": \"b\"}\n"),
        ])
        #expect(errors.isEmpty)
        #expect(traces.map(\.trace.traceID) == ["a", "b"])
    }

    @Test("CRLF line endings are fine in JSONL")
    func crlf() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("{\"trace_id\": \"a\"}\r\n{\"trace_id\": \"b\"}\r\n".utf8).write(
            to: URL(fileURLWithPath: folder + "/x.jsonl"))
        let (traces, errors) = load([.path(folder + "/x.jsonl")])
        #expect(errors.isEmpty)
        #expect(
            traces.map(\.source) == [
                "\(ShownPath.relative(folder))/x.jsonl:1", "\(ShownPath.relative(folder))/x.jsonl:2",
            ])
    }

    @Test("an empty array and a top-level scalar are errors")
    func emptyArrayAndScalar() {
        let (_, errors) = load([bytes("a.json", "[]"), bytes("b.json", "\"x\"")])
        #expect(
            errors == [
                "a.json: the array holds no traces",
                "b.json: expected a trace object or an array of them, found a string",
            ])
    }

    @Test("a path that does not exist is an input error naming it")
    func missingPath() {
        let (_, errors) = load([.path("/nonexistent/traces.json")])
        #expect(errors == [ShownPath.relative("/nonexistent/traces.json") + ": no such file or folder: check the path"])
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
        let info = try #require(
            TraceDecoder.decodeAssetInfo(.object(["name": .string("x"), "source": .null, "version": .string("2b")])))
        #expect(info.source == .null && info.version == .string("2b"))
        let other = try #require(TraceDecoder.decodeAssetInfo(.object(["name": .string("x"), "version": .int(3)])))
        #expect(other.source == .absent && other.version == .int(3))
        let odd = try #require(
            TraceDecoder.decodeAssetInfo(.object(["source": .int(1), "name": .int(5), "asset_id": .bool(true)])))
        #expect(odd.source.isFallback, "Python finds 1 != \"asset_registry\"")
        #expect(odd.name == "5" && odd.assetID == "True", "names and ids print as Python's f-strings print them")
        #expect(try #require(TraceDecoder.decodeAssetInfo(.object([:]))).isEmptyRecord)
    }
}
