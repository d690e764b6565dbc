import Foundation
import Testing

@testable import TraceReport

/// The loader meets broken files every day: truncated exports, flipped bytes,
/// wrong types anywhere, absurd nesting. It must never crash or hang, and every
/// error must say which file (and line, and JSON path) it is about.
@Suite("Loader fuzzing: mutated traces never crash the loader")
struct LoaderFuzzTests {
    static let seedText = String(
        decoding: FileManager.default.contents(atPath: TestPaths.fixture("older-shape.json"))!, as: UTF8.self)

    func load(_ data: Data, name: String) -> [TraceLoadResult] {
        TraceLoader().results([.bytes(name: name, data: data)])
    }

    @Test("every truncation of a valid trace is a clean error naming the file")
    func truncations() {
        let bytes = Array(Self.seedText.utf8)
        for length in stride(from: 0, to: bytes.count - 1, by: 7) {
            for result in load(Data(bytes.prefix(length)), name: "cut.json") {
                if case .failure(let error) = result {
                    #expect(error.source == "cut.json")
                } else {
                    Issue.record("a truncated file loaded at length \(length)")
                }
            }
        }
    }

    @Test("thousands of random byte flips: never a crash; JSONL errors carry their line")
    func byteFlips() {
        var rng = SplitMix(seed: 2026)
        let line = Array(Self.seedText.replacingOccurrences(of: "\n", with: " ").utf8)
        for _ in 0..<3000 {
            var mutated = line
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(mutated.count))
                mutated[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            let jsonl = Data(
                (Array("{\"trace_id\": \"first\"}\n".utf8) + mutated + Array("\n{\"trace_id\": \"last\"}\n".utf8)))
            let results = load(jsonl, name: "f.jsonl")
            let ids = results.compactMap { if case .trace(let t) = $0 { return t.trace.traceID } else { return nil } }
            #expect(ids.first == "first" && ids.last == "last", "the good lines around a broken one still load")
            for case .failure(let error) in results {
                #expect(error.source.hasPrefix("f.jsonl:") && error.source.split(separator: ":").count == 2)
            }
        }
    }

    /// Every path in a JSON value, with the value there.
    static func paths(_ value: JSONValue, _ path: JSONPath = .root) -> [(JSONPath, [PathStep])] {
        var out: [(JSONPath, [PathStep])] = []
        func walk(_ value: JSONValue, _ path: JSONPath, _ steps: [PathStep]) {
            out.append((path, steps))
            switch value {
            case .object(let fields): for (k, v) in fields { walk(v, path.key(k), steps + [.key(k)]) }
            case .array(let items): for (i, v) in items.enumerated() { walk(v, path.index(i), steps + [.index(i)]) }
            default: break
            }
        }
        walk(value, path, [])
        return out
    }

    enum PathStep {
        case key(String)
        case index(Int)
    }

    static func replacing(_ value: JSONValue, at steps: ArraySlice<PathStep>, with new: JSONValue) -> JSONValue {
        guard let step = steps.first else { return new }
        switch (value, step) {
        case (.object(var fields), .key(let k)):
            fields[k] = replacing(fields[k]!, at: steps.dropFirst(), with: new)
            return .object(fields)
        case (.array(var items), .index(let i)):
            items[i] = replacing(items[i], at: steps.dropFirst(), with: new)
            return .array(items)
        default: return value
        }
    }

    @Test(
        "a wrong type at every path keeps the trace (but for its trace_id), and every issue it logs is on that path's branch"
    )
    func wrongTypes() throws {
        let original = try JSONDocumentParser.parse(Data(Self.seedText.utf8))
        var issues = 0
        for (path, steps) in Self.paths(original) where !steps.isEmpty {
            for wrong in [
                JSONValue.int(7), .string("x"), .array([.null]), .object(["k": .bool(true)]), .bool(false), .null,
            ] {
                let mutated = Self.replacing(original, at: steps[...], with: wrong)
                let results = load(Data(mutated.compactJSON.utf8), name: "w.json")
                #expect(results.count == 1)
                switch results.first {
                case .failure(let error)?:
                    let unusable: Bool =
                        switch wrong {
                        case .null, .array, .object: true
                        default: false
                        }
                    #expect(
                        path.description == "$.trace_id" && unusable,
                        "only an unusable trace_id loses the trace, not \(wrong) at \(path): \(error.message)")
                case .trace(let loaded)?:
                    for issue in loaded.trace.fieldIssues {
                        issues += 1
                        #expect(
                            path.description.hasPrefix(issue.path) || issue.path.hasPrefix(path.description),
                            "issue at \(issue.path) for a change at \(path)")
                    }
                    _ = TraceAnalyser.analyse(loaded)
                case nil:
                    Issue.record("nothing loaded for \(wrong) at \(path)")
                }
            }
        }
        #expect(issues > 100, "wrong types are noticed")
    }

    @Test("nesting 10,000 levels deep is refused, not a stack overflow")
    func deepNesting() {
        for text in [
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            "{\"trace_id\": \"x\", \"params\": " + String(repeating: "{\"a\": ", count: 10_000) + "1"
                + String(repeating: "}", count: 10_000) + "}",
        ] {
            let results = load(Data(text.utf8), name: "deep.json")
            guard case .failure(let error)? = results.first else {
                Issue.record("deep nesting loaded")
                continue
            }
            #expect(error.reason.hasSuffix("nested more than 512 levels deep"))
        }
    }
}
