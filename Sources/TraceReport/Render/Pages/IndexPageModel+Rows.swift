/// The tables an index page is made of.
extension IndexPageModel {
    struct Totals: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "traces": { $0.traces.templateValue }, "stages": { $0.stages.templateValue },
            "captured": { $0.captured.templateValue }, "empty": { $0.empty.templateValue },
            "missing": { $0.missing.templateValue }, "inferred": { $0.inferred.templateValue },
            "noStages": { $0.noStages.templateValue }, "errors": { $0.errors.templateValue },
            "warnings": { $0.warnings.templateValue }, "infos": { $0.infos.templateValue },
            "inputErrors": { $0.inputErrors.templateValue },
        ])

        let traces: Int
        let stages: Int
        let captured: Int
        let empty: Int
        let missing: Int
        let inferred: Int
        /// Traces that ran no stage.
        let noStages: Int
        let errors: Int
        let warnings: Int
        let infos: Int
        let inputErrors: Int
    }

    struct Row: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "traceID": { $0.traceID.templateValue }, "page": { $0.page.templateValue },
            "shownID": { $0.shownID.templateValue }, "idTitle": { $0.idTitle.templateValue },
            "question": { $0.question.templateValue },
            "questionInLanguage": { $0.questionInLanguage.templateValue }, "route": { $0.route.templateValue },
            "status": { $0.status.templateValue }, "cells": { $0.cells.templateValue },
            "beforeAfter": { $0.beforeAfter.templateValue }, "assets": { $0.assets.templateValue },
            "findings": { $0.findings.templateValue },
        ])

        let traceID: String
        let page: String
        /// The id as the table shows it: cut past `IndexPageModel.idLimit` characters, the whole id then in
        /// the link's title (`idTitle`, ` "…"` or empty) and on the trace page.
        let shownID: String
        let idTitle: String
        let question: String
        /// The question escaped, with its language for the HTML page (`Language`).
        let questionInLanguage: String
        let route: String
        let status: String
        let cells: [String]
        let beforeAfter: String?
        let assets: Int
        let findings: String
    }

    struct UnpairedRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "traceID": { $0.traceID.templateValue }, "source": { $0.source.templateValue },
        ])

        let traceID: String
        let source: String
    }

    /// The stage × asset-kind matrix: traces that captured each kind in each stage, shaded by share.
    struct Matrix: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "kinds": { $0.kinds.templateValue }, "rows": { $0.rows.templateValue },
            "expected": { $0.expected.templateValue }, "noStageRow": { $0.noStageRow.templateValue },
        ])

        struct Row: TemplateFields {
            nonisolated(unsafe) static let fields = FieldTable<Self>([
                "stage": { $0.stage.templateValue }, "cells": { $0.cells.templateValue },
            ])
            let stage: String
            let cells: [String]
        }

        let kinds: [String]
        let rows: [Row]
        /// Per kind, traces that expected it but captured it in no stage.
        let expected: [String]
        /// Per kind, traces that ran no stage and hold it globally; nil when every trace ran stages.
        let noStageRow: Row?

        /// The asset kinds every matrix shows, in the orchestrator's order; others follow by name.
        static let standardKinds = [
            "prompt", "policy", "mapping", "source", "schema", "catalog", "resolver", "query", "screen", "tool",
        ]

        init(_ tally: IndexTally) {
            let seen = Set(tally.matrix.values.flatMap(\.keys)).union(tally.expectedMissing.keys).union(
                tally.noStageKinds.keys)
            let kinds = Self.standardKinds + seen.subtracting(Self.standardKinds).sorted()
            self.kinds = kinds.map { TextFormat.cut($0, limit: 40) }
            let stages = IndexPageModel.standardStages + tally.extraStages
            rows = stages.map { stage in
                Row(
                    stage: TextFormat.cut(stage, limit: 60),
                    cells: kinds.map { Badge.shaded(tally.matrix[stage]?[$0] ?? 0, of: tally.traces) })
            }
            expected = kinds.map { String(tally.expectedMissing[$0] ?? 0) }
            noStageRow =
                tally.noStages == 0
                ? nil
                : Row(
                    stage: "no stage ran (\(tally.noStages))",
                    cells: kinds.map { Badge.shaded(tally.noStageKinds[$0] ?? 0, of: tally.traces) })
        }
    }

    struct BatchFindingRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "severityBadge": { $0.severityBadge.templateValue }, "kind": { $0.kind.templateValue },
            "stage": { $0.stage.templateValue }, "asset": { $0.asset.templateValue }, "href": { $0.href.templateValue },
            "message": { $0.message.templateValue },
        ])
        let severityBadge: String
        let kind: String
        let stage: String
        let asset: String
        let href: String
        let message: String
    }

    struct ErrorRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "source": { $0.source.templateValue }, "message": { $0.message.templateValue },
        ])

        let source: String
        let message: String
    }
}
