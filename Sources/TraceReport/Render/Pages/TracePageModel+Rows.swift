/// The rows and sections a trace page is made of.
extension TracePageModel {
    struct Stage: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "number": { $0.number.templateValue }, "name": { $0.name.templateValue },
            "anchor": { $0.anchor.templateValue }, "coverageBadge": { $0.coverageBadge.templateValue },
            "coverageNote": { $0.coverageNote.templateValue }, "assetCount": { $0.assetCount.templateValue },
            "hasAssets": { $0.hasAssets.templateValue }, "assets": { $0.assets.templateValue },
            "status": { $0.status.templateValue }, "duration": { $0.duration.templateValue },
            "outputCounts": { $0.outputCounts.templateValue }, "warnings": { $0.warnings.templateValue },
            "errors": { $0.errors.templateValue }, "paramsBlock": { $0.paramsBlock.templateValue },
            "detailsAttribute": { $0.detailsAttribute.templateValue },
            "detailsOpen": { $0.detailsOpen.templateValue }, "detailsClose": { $0.detailsClose.templateValue },
            "rawOpen": { $0.rawOpen.templateValue }, "rawClose": { $0.rawClose.templateValue },
        ])

        let number: Int
        let name: String
        let anchor: String
        let coverageBadge: String
        let coverageNote: String
        let assetCount: Int
        let hasAssets: Bool
        let assets: [Asset]
        let status: String
        let duration: String
        let outputCounts: String?
        let warnings: [String]
        let errors: [String]
        let paramsBlock: String?
        let detailsAttribute: String
        /// The stage's collapsible section: in an attachment a `<details>` (a review comment stays short);
        /// on the site, open, in the HTML page only, so the Markdown page is text.
        let detailsOpen: String
        let detailsClose: String
        /// The same for the raw parameters' block within the stage.
        let rawOpen: String
        let rawClose: String
    }

    struct Asset: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "key": { $0.key.templateValue }, "display": { $0.display.templateValue },
            "version": { $0.version.templateValue }, "fallback": { $0.fallback.templateValue },
            "inferred": { $0.inferred.templateValue }, "override": { $0.override.templateValue },
            "page": { $0.page.templateValue },
        ])

        let key: String
        let display: String
        let version: String
        let fallback: Bool
        /// Back-filled by the API export, never recorded.
        let inferred: Bool
        let override: Bool
        /// The asset's page across the batch (site pages only; review attachments link nothing).
        let page: String?
    }

    struct FindingRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "severityBadge": { $0.severityBadge.templateValue }, "kind": { $0.kind.templateValue },
            "stage": { $0.stage.templateValue }, "asset": { $0.asset.templateValue },
            "message": { $0.message.templateValue }, "stageAnchor": { $0.stageAnchor.templateValue },
            "assetPage": { $0.assetPage.templateValue },
        ])

        let severityBadge: String
        let kind: String
        let stage: String
        let asset: String
        let message: String
        /// The finding's stage section on this page (its first stage of that name), nil for a trace-level one.
        let stageAnchor: String?
        /// The finding's asset page, nil when the site has none (an attachment) or the finding names no asset.
        let assetPage: String?
    }

    struct GlobalRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "key": { $0.key.templateValue }, "display": { $0.display.templateValue },
            "claimed": { $0.claimed.templateValue }, "claimedBy": { $0.claimedBy.templateValue },
            "unclaimedBadge": { $0.unclaimedBadge.templateValue },
        ])

        let key: String
        let display: String
        let claimed: Bool
        let claimedBy: String
        let unclaimedBadge: String
    }

    struct Comparison: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "baselineID": { $0.baselineID.templateValue }, "baselineSource": { $0.baselineSource.templateValue },
            "pairedBy": { $0.pairedBy.templateValue }, "hasStages": { $0.hasStages.templateValue },
            "hasRows": { $0.hasRows.templateValue }, "stages": { $0.stages.templateValue },
            "rows": { $0.rows.templateValue },
        ])

        struct StageRow: TemplateFields {
            nonisolated(unsafe) static let fields = FieldTable<Self>([
                "stage": { $0.stage.templateValue }, "beforeBadge": { $0.beforeBadge.templateValue },
                "afterBadge": { $0.afterBadge.templateValue }, "added": { $0.added.templateValue },
                "removed": { $0.removed.templateValue }, "changed": { $0.changed.templateValue },
                "status": { $0.status.templateValue }, "duration": { $0.duration.templateValue },
            ])

            let stage: String
            let beforeBadge: String
            let afterBadge: String
            let added: Int
            let removed: Int
            let changed: Int
            let status: String
            let duration: String
        }

        struct AssetRow: TemplateFields {
            nonisolated(unsafe) static let fields = FieldTable<Self>([
                "stage": { $0.stage.templateValue }, "key": { $0.key.templateValue },
                "before": { $0.before.templateValue }, "after": { $0.after.templateValue },
                "changeBadge": { $0.changeBadge.templateValue },
            ])

            let stage: String
            let key: String
            let before: String
            let after: String
            let changeBadge: String
        }

        let baselineID: String
        let baselineSource: String
        /// The pairing rule, in words.
        let pairedBy: String
        /// Either side ran a stage; without, there is nothing to compare stage by stage.
        let hasStages: Bool
        let hasRows: Bool
        let stages: [StageRow]
        let rows: [AssetRow]
    }
}
