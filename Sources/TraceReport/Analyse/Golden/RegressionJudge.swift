import Foundation

/// The real system's regression judge, exactly: a candidate trace against its golden
/// baseline into PASS, WARN or FAIL by fixed rules, the first that matches winning, with
/// the reason strings it writes. It never looks at per-stage `applied_assets`, and it
/// compares `asset_versions` (ids, unchanged when a prompt is republished in place).
public enum RegressionJudge {
    /// PASS, WARN or FAIL.
    public enum Judgment: String, Sendable, Equatable, Comparable {
        case pass = "PASS", warn = "WARN", fail = "FAIL"

        private var rank: Int { self == .pass ? 0 : self == .warn ? 1 : 2 }
        public static func < (a: Judgment, b: Judgment) -> Bool { a.rank < b.rank }
    }

    /// What the judge compares, as the real diff summary holds it (its ten scalar keys) and the counts behind it.
    public struct Diff: Sendable, Equatable {
        public var assetsChanged: Bool
        public var planIntentChanged: Bool
        public var planOutputChanged: Bool
        /// Signatures only in the candidate, and only in the baseline.
        public var toolCallsAdded: [JudgeInputs.Step]
        public var toolCallsRemoved: [JudgeInputs.Step]
        public var toolCallsFailed: Int
        /// The set of block types differs (the real diff's flag; the 50% rule is the judge's own).
        public var blocksStructureChanged: Bool
        public var blocksBefore: Int
        public var blocksAfter: Int
        public var referencesBefore: Int
        public var referencesAfter: Int
        /// |after − before| / before, 0 when before is 0.
        public var referencesVariance: Double
        public var toolDurationSpike: Bool
        public var statusChanged: Bool
        public var errorInCandidate: Bool
        public var uiErrorsIncrease: Bool
    }

    /// A judgment, its reason and the diff it was made from.
    public struct Verdict: Sendable, Equatable {
        public var judgment: Judgment
        public var reason: String
        public var diff: Diff
    }

    /// Judges `candidate` against `baseline`.
    public static func judge(baseline: JudgeInputs, candidate: JudgeInputs) -> Verdict {
        let diff = diff(baseline: baseline, candidate: candidate)
        let (judgment, reason) = judgment(diff)
        return Verdict(judgment: judgment, reason: reason, diff: diff)
    }

    /// The diff of two traces.
    public static func diff(baseline b: JudgeInputs, candidate c: JudgeInputs) -> Diff {
        // Steps by signature, the last of each winning, as in a Python dict built from the list.
        func bySignature(_ steps: [JudgeInputs.Step]) -> (order: [String], steps: [String: JudgeInputs.Step]) {
            var order: [String] = []
            var map: [String: JudgeInputs.Step] = [:]
            for step in steps {
                if map.updateValue(step, forKey: step.signature) == nil { order.append(step.signature) }
            }
            return (order, map)
        }
        let before = bySignature(b.steps)
        let after = bySignature(c.steps)
        let added = after.order.filter { before.steps[$0] == nil }.map { after.steps[$0]! }
        let removed = before.order.filter { after.steps[$0] == nil }.map { before.steps[$0]! }
        let spike = before.order.contains { signature in
            guard let old = before.steps[signature], let new = after.steps[signature] else { return false }
            return old.durationMS > 0 && new.durationMS > old.durationMS * 2
        }
        let variance =
            b.references == 0 ? 0 : Double(abs(c.references - b.references)) / Double(b.references)
        return Diff(
            assetsChanged: !JSONValue.array(b.assetVersions).pythonEquals(.array(c.assetVersions)),
            planIntentChanged: !b.planIntent.pythonEquals(c.planIntent),
            planOutputChanged: !b.planOutput.pythonEquals(c.planOutput),
            toolCallsAdded: added, toolCallsRemoved: removed, toolCallsFailed: c.steps.filter(\.failed).count,
            blocksStructureChanged: b.blockTypes != c.blockTypes, blocksBefore: b.blocks, blocksAfter: c.blocks,
            referencesBefore: b.references, referencesAfter: c.references, referencesVariance: variance,
            toolDurationSpike: spike, statusChanged: !b.status.pythonEquals(c.status),
            errorInCandidate: c.status == .string("error"), uiErrorsIncrease: c.uiErrors > b.uiErrors)
    }

    /// The rules in order; the first that matches decides.
    public static func judgment(_ d: Diff) -> (Judgment, String) {
        if d.statusChanged { return (.fail, "Status changed: True") }
        if d.errorInCandidate { return (.fail, "Candidate execution resulted in error") }
        if !d.toolCallsAdded.isEmpty || !d.toolCallsRemoved.isEmpty {
            return (.fail, "Tool calls changed: +\(d.toolCallsAdded.count) -\(d.toolCallsRemoved.count)")
        }
        if d.toolCallsFailed > 0 { return (.fail, "Tool calls failed in candidate: \(d.toolCallsFailed)") }
        if d.assetsChanged { return (.fail, "Asset versions changed") }
        if d.planIntentChanged || d.planOutputChanged { return (.fail, "Plan intent or output changed") }
        if d.blocksBefore > 0 {
            let variance = Double(abs(d.blocksAfter - d.blocksBefore)) / Double(d.blocksBefore)
            if variance >= 0.5 { return (.fail, "Block structure changed significantly (\(percent(variance)))") }
        }
        if d.uiErrorsIncrease { return (.fail, "UI render errors increased") }
        if d.referencesVariance > 0.2 { return (.warn, "Reference count variance: \(percent(d.referencesVariance))") }
        if d.toolDurationSpike { return (.warn, "Tool execution duration spike (2x+ in some tools)") }
        return (.pass, "No regressions detected")
    }

    /// Python's `f"{x:.1%}"`: times 100, one decimal, a percent sign.
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
