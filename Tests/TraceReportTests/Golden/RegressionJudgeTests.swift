import Testing

@testable import TraceReport

/// The real judge's rules, one case per rule and edge: the judgment and the exact reason string.
@Suite("Regression judge: the real system's rules, first match wins, its reason strings")
struct RegressionJudgeTests {
    /// A baseline row as the writer stores it, with steps, blocks, references and a plan.
    static let baseline: [String: JSONValue] = [
        "status": .string("success"),
        "asset_versions": .array([.string("a-1"), .string("a-2")]),
        "plan_validated": .object(["intent": .string("metric"), "output": .object(["type": .string("chart")])]),
        "execution_steps": .array([
            step("metric:1", keys: ["metric", "range"], duration: 100),
            step("graph:2", keys: ["ci"], duration: 50),
        ]),
        "answer": .object(["blocks": .array([block("text"), block("chart")])]),
        "references": .array([.object([:]), .object([:]), .object([:]), .object([:]), .object([:])]),
        "ui_render": .object(["error_count": .int(0)]),
    ]

    static func step(_ id: String, keys: [String], duration: Int, error: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "step_id": .string(id), "request": .object(Dictionary(uniqueKeysWithValues: keys.map { ($0, .int(1)) })),
            "duration_ms": .int(duration),
        ]
        fields["error"] = error.map { .object(["message": .string($0)]) } ?? .null
        return .object(fields)
    }

    static func block(_ type: String) -> JSONValue { .object(["type": .string(type)]) }

    static func judge(
        baseline: [String: JSONValue] = baseline, _ change: (inout [String: JSONValue]) -> Void
    ) -> (RegressionJudge.Judgment, String) {
        var candidate = baseline
        change(&candidate)
        let verdict = RegressionJudge.judge(
            baseline: JudgeInputs(row: baseline), candidate: JudgeInputs(row: candidate))
        return (verdict.judgment, verdict.reason)
    }

    @Test("each rule, in the order the judge applies them")
    func rules() {
        #expect(Self.judge { _ in } == (.pass, "No regressions detected"))
        #expect(Self.judge { $0["status"] = .string("partial") } == (.fail, "Status changed: True"))
        // A candidate in error whose baseline was in error too: rule 2, not rule 1.
        var failing = Self.baseline
        failing["status"] = .string("error")
        #expect(Self.judge(baseline: failing) { _ in } == (.fail, "Candidate execution resulted in error"))
        #expect(
            Self.judge {
                $0["execution_steps"] = .array([
                    Self.step("metric:9", keys: ["metric", "range"], duration: 100),
                    Self.step("history:3", keys: ["from"], duration: 10),
                ])
            } == (.fail, "Tool calls changed: +1 -1"))
        #expect(
            Self.judge {
                $0["execution_steps"] = .array([
                    Self.step("metric:1", keys: ["metric", "range"], duration: 100, error: "timeout"),
                    Self.step("graph:2", keys: ["ci"], duration: 50, error: ""),
                ])
            } == (.fail, "Tool calls failed in candidate: 1"))
        #expect(
            Self.judge { $0["asset_versions"] = .array([.string("a-2"), .string("a-1")]) }
                == (.fail, "Asset versions changed"), "order counts")
        #expect(
            Self.judge { $0["plan_validated"] = .object(["intent": .string("graph")]) }
                == (.fail, "Plan intent or output changed"))
        #expect(
            Self.judge { $0["answer"] = .object(["blocks": .array([Self.block("text")])]) }
                == (.fail, "Block structure changed significantly (50.0%)"))
        #expect(
            Self.judge {
                $0["answer"] = .object(["blocks": .array([Self.block("text"), Self.block("chart"), Self.block("x")])])
            } == (.fail, "Block structure changed significantly (50.0%)"))
        #expect(
            Self.judge { $0["ui_render"] = .object(["error_count": .int(2)]) } == (.fail, "UI render errors increased"))
        #expect(
            Self.judge { $0["references"] = .array(Array(repeating: .object([:]), count: 7)) }
                == (.warn, "Reference count variance: 40.0%"))
        #expect(
            Self.judge {
                $0["execution_steps"] = .array([
                    Self.step("metric:1", keys: ["range", "metric"], duration: 201),
                    Self.step("graph:2", keys: ["ci"], duration: 50),
                ])
            } == (.warn, "Tool execution duration spike (2x+ in some tools)"))
    }

    @Test("edges: zero baselines, exact thresholds, null and absent values as the Python defaults read them")
    func edges() {
        // 1 of 5 references more is exactly 20%: not over the threshold.
        #expect(Self.judge { $0["references"] = .array(Array(repeating: .object([:]), count: 6)) }.0 == .pass)
        // Twice the duration exactly is no spike.
        #expect(
            Self.judge {
                $0["execution_steps"] = .array([
                    Self.step("metric:1", keys: ["metric", "range"], duration: 200),
                    Self.step("graph:2", keys: ["ci"], duration: 50),
                ])
            }.0 == .pass)
        var empty = Self.baseline
        empty["answer"] = .object(["blocks": .array([])])
        empty["references"] = .array([])
        empty["execution_steps"] = .array([Self.step("metric:1", keys: ["metric"], duration: 0)])
        // No blocks, no references and a zero duration before: nothing to compare a change with.
        #expect(
            Self.judge(baseline: empty) {
                $0["answer"] = .object(["blocks": .array([Self.block("text"), Self.block("text")])])
                $0["references"] = .array(Array(repeating: .object([:]), count: 9))
                $0["execution_steps"] = .array([Self.step("metric:1", keys: ["metric"], duration: 5000)])
            } == (.pass, "No regressions detected"))
        // The real diff still flags the new block types; only the judge's 50% rule ignores them.
        let flagged = RegressionJudge.diff(
            baseline: JudgeInputs(row: empty),
            candidate: JudgeInputs(row: ["answer": .object(["blocks": .array([Self.block("text")])])]))
        #expect(flagged.blocksStructureChanged && flagged.blocksBefore == 0)
        // Status absent is "unknown"; null is None: they differ from each other and from "success".
        #expect(Self.judge { $0["status"] = nil }.1 == "Status changed: True")
        var absent = Self.baseline
        absent["status"] = nil
        #expect(Self.judge(baseline: absent) { $0["status"] = .string("unknown") }.0 == .pass)
        // asset_versions null reads as [], like an empty list; plan_validated null as {}.
        var nulls = Self.baseline
        nulls["asset_versions"] = .null
        nulls["plan_validated"] = .null
        #expect(
            Self.judge(baseline: nulls) {
                $0["asset_versions"] = .array([])
                $0["plan_validated"] = .object([:])
            }.0 == .pass)
        // Numbers compare by value, as in Python: 1 == 1.0.
        #expect(
            Self.judge {
                $0["plan_validated"] = .object([
                    "intent": .string("metric"), "output": .object(["type": .string("chart")]),
                ])
            }.0 == .pass)
        #expect(
            JSONValue.object(["n": .int(1)]).pythonEquals(.object(["n": .double(1)]))
                && !JSONValue.string("1").pythonEquals(.int(1)))
    }

    @Test("a step's signature is its tool up to the first colon and its sorted request keys")
    func signatures() {
        let inputs = JudgeInputs(row: [
            "execution_steps": .array([Self.step("metric:cpu:7", keys: ["range", "metric"], duration: 1)])
        ])
        #expect(inputs.steps.map(\.signatureText) == ["metric(metric, range)"])
        #expect(RegressionJudge.percent(2.0 / 3.0) == "66.7%")
    }
}
