import Foundation
import Testing

@testable import TraceReport

/// Reading a trace for the report skims the bodies its pages never show whole: what is shown is
/// unchanged for ordinary traces, a body above the limit becomes a sentence, members never read
/// are not kept, and a broken body is refused exactly as the full parser refuses it.
@Suite("Skimming a trace's bulky bodies: same pages, a sentence for huge bodies, the same errors")
struct JSONSkimTests {
    static func trace(params: String, result: String = #"{"rows": [1, 2, 3]}"#) -> String {
        #"{"trace_id": "t", "stage_inputs": [{"stage": "execute", "applied_assets": {"prompt": "p (v1)"}, "params": \#(params), "prev_output": {"a": 1}}], "stage_outputs": [{"stage": "execute", "result": \#(result), "references": [{"n": 1}], "duration_ms": 5, "diagnostics": {"status": "ok"}}]}"#
    }

    static func parse(_ text: String, skim: Bool) throws -> JSONValue {
        try JSONDocumentParser.parse(Data(text.utf8), skim: skim)
    }

    @Test("an ordinary trace keeps every value shown; a stage output's unread members are not kept")
    func ordinary() throws {
        let text = Self.trace(params: #"{"rows": [{"host": "n1", "cpu": 3}], "note": "x\u00e9\n"}"#)
        let full = try Self.parse(text, skim: false)
        let skimmed = try Self.parse(text, skim: true)
        #expect(skimmed.objectField("stage_inputs") == full.objectField("stage_inputs"))
        guard case .array(let outputs)? = skimmed.objectField("stage_outputs"), case .object(let output) = outputs[0]
        else {
            Issue.record("no stage output")
            return
        }
        #expect(output.keys.sorted() == ["diagnostics", "duration_ms", "references", "stage"])
        #expect(try TraceDecoder.decode(skimmed) == TraceDecoder.decode(full), "the trace the report reads is the same")
        // An array of traces (a .json document) is skimmed trace by trace.
        let array = try Self.parse("[\(text), \(text)]", skim: true)
        #expect(array == .array([skimmed, skimmed]))
    }

    @Test("a body above 1 MiB becomes a sentence with its size")
    func huge() throws {
        let rows = (0..<40_000).map { #"{"host": "node-\#($0)", "cpu": \#($0 % 100)}"# }.joined(separator: ",")
        let text = Self.trace(params: "{\"rows\": [\(rows)]}")
        let skimmed = try Self.parse(text, skim: true)
        guard case .array(let inputs)? = skimmed.objectField("stage_inputs") else {
            Issue.record("no stage inputs")
            return
        }
        let size = Double(rows.utf8.count + 11) / 1_048_576
        #expect(
            inputs[0].objectField("params")
                == .string("(\((size * 10).rounded() / 10) MiB of JSON, not kept: too large to show on the page)"))
        #expect(inputs[0].objectField("prev_output") == .object(["a": .int(1)]), "small bodies are kept")
    }

    @Test("a broken body is refused with the full parser's message and place, skimmed or not")
    func errors() throws {
        for broken in [
            #"{"rows": [1, 2,]}"#, #"{"rows": "a\u12"}"#, "{\"rows\": \"tab\tinside\"}", #"{"rows" 1}"#, #"[1, 2"#,
            #"{"rows": tru}"#, #"{"rows": "\q"}"#,
        ] {
            for text in [Self.trace(params: broken), Self.trace(params: "{}", result: broken)] {
                var reasons: [String] = []
                for skim in [false, true] {
                    do throws(TraceFieldError) {
                        _ = try JSONDocumentParser.parse(Data(text.utf8), skim: skim)
                        reasons.append("parsed")
                    } catch {
                        reasons.append(error.reason)
                    }
                }
                #expect(reasons[0] != "parsed" && reasons[0] == reasons[1], "\(broken): \(reasons)")
            }
        }
    }
}
