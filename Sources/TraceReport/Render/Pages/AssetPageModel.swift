/// What `asset.mustache` sees: one asset key across the batch — its displays (versions)
/// with trace counts and the traces behind them, the stages it ran in, fallbacks,
/// overrides, traces that list it only globally, and its batch findings.
struct AssetPageModel: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "key": { $0.key.templateValue }, "kind": { $0.kind.templateValue }, "traces": { $0.traces.templateValue },
        "stages": { $0.stages.templateValue }, "registry": { $0.registry.templateValue },
        "home": { $0.home.templateValue },
        "assetsHome": { $0.assetsHome.templateValue }, "hasFindings": { $0.hasFindings.templateValue },
        "findings": { $0.findings.templateValue },
        "displays": { $0.displays.templateValue }, "lists": { $0.lists.templateValue },
        "hasLists": { $0.hasLists.templateValue }, "tracesPage": { $0.tracesPage.templateValue },
        "listLimit": { $0.listLimit.templateValue },
        "generated": { $0.generated.templateValue }, "goldenLink": { $0.goldenLink.templateValue },
    ])

    struct FindingRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "severityBadge": { $0.severityBadge.templateValue }, "kind": { $0.kind.templateValue },
            "stage": { $0.stage.templateValue },
            "message": { $0.message.templateValue },
        ])
        let severityBadge: String
        let kind: String
        let stage: String
        let message: String
    }

    /// One list of the asset's traces page: its title, how many traces it holds, a link to it.
    struct ListLink: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "title": { $0.title.templateValue }, "count": { $0.count.templateValue },
            "href": { $0.href.templateValue },
        ])
        let title: String
        let count: String
        let href: String
    }

    struct DisplayRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "display": { $0.display.templateValue }, "label": { $0.label.templateValue },
            "traces": { $0.traces.templateValue },
            "stages": { $0.stages.templateValue }, "registry": { $0.registry.templateValue },
            "anchor": { $0.anchor.templateValue },
            "linkOpen": { $0.linkOpen.templateValue }, "linkClose": { $0.linkClose.templateValue },
        ])
        let display: String
        let label: String
        let traces: Int
        let stages: String
        let registry: String
        let anchor: String
        /// A link to the display's list, in the HTML page only: Markdown shows the display alone.
        let linkOpen: String
        let linkClose: String
    }

    let key: String
    let kind: String
    let traces: Int
    let stages: String
    let registry: String?
    let home: String
    let assetsHome: String
    let hasFindings: Bool
    let findings: [FindingRow]
    let displays: [DisplayRow]
    /// The lists of traces, on the asset's traces page (`AssetTracesModel`): here their titles and counts.
    let lists: [ListLink]
    let hasLists: Bool
    /// The asset's traces page.
    let tracesPage: String
    let listLimit = AssetCatalog.listLimit
    let generated: String?
    /// The golden queries' index, when the site has one.
    let goldenLink: String?

    /// The model of `asset`'s page, its links written for files ending in `pageExtension`.
    init(
        _ asset: AssetCatalog.Asset, findings: [Finding], registry: AssetRegistry?, generated: String?,
        pageExtension: String, goldenLink: String? = nil
    ) {
        self.goldenLink = goldenLink
        let page = AssetPagePath.page(for: asset.key)
        let root = AssetPagePath.root(from: page)
        let tracesPath = root + AssetPagePath.traces(for: asset.key)
        tracesPage = tracesPath + "." + pageExtension
        key = TextFormat.cut(asset.key)
        kind = TextFormat.cut(asset.kind)
        traces = asset.traces
        stages =
            asset.stages.isEmpty
            ? "—" : asset.stages.map { "\(TextFormat.cut($0.name, limit: 60)) (\($0.traces))" }.joined(separator: ", ")
        home = root + IndexPageModel.pageName(1) + "." + pageExtension
        assetsHome = root + AssetPagePath.index + "." + pageExtension
        self.findings = findings.map {
            FindingRow(
                severityBadge: Badge.severity($0.severity), kind: $0.kind.rawValue, stage: TextFormat.orDash($0.stage),
                message: TextFormat.cut($0.message, limit: 600))
        }
        hasFindings = !findings.isEmpty
        self.generated = generated
        let activeVersions = asset.displays.compactMap { d in
            registry?.active(kind: asset.kind, name: d.name).map { (d.name, $0) }
        }
        self.registry =
            registry == nil
            ? nil
            : activeVersions.isEmpty
                ? "not in the registry snapshot"
                : Array(Set(activeVersions.map { "\($0.0): active v\($0.1)" })).sorted().joined(separator: ", ")
        displays = asset.displays.enumerated().map { i, d in
            let active = registry?.active(kind: asset.kind, name: d.name)
            let note: String
            if let active, let version = d.version, !d.isFallback {
                note =
                    version == active
                    ? "active"
                    : registry!.activeIfStale(kind: asset.kind, name: d.name, version: version) != nil
                        ? "stale (active v\(active))" : "not the active v\(active)"
            } else {
                note = "—"
            }
            let stages = d.stages.map {
                "\($0.stage.map { TextFormat.cut($0, limit: 60) } ?? "global only") (\($0.count))"
            }.joined(separator: ", ")
            return DisplayRow(
                display: TextFormat.cut(d.display), label: d.label, traces: d.traces.count, stages: stages,
                registry: note, anchor: AssetTracesModel.displayAnchor(i), linkOpen: HTMLOnly.linkOpen,
                linkClose: HTMLOnly.linkClose(to: tracesPath + ".html#" + AssetTracesModel.displayAnchor(i)))
        }
        let tracesPage = tracesPage
        lists = AssetTracesModel.lists(of: asset).map {
            ListLink(
                title: $0.title, count: TextFormat.count($0.traces.count, "trace"),
                href: tracesPage + HTMLOnly.wrap("#" + $0.anchor))
        }
        hasLists = !lists.isEmpty
    }
}

/// What `assets.mustache` sees: every asset key of the batch, grouped by kind.
struct AssetIndexModel: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "summary": { $0.summary.templateValue }, "home": { $0.home.templateValue }, "kinds": { $0.kinds.templateValue },
        "hasAssets": { $0.hasAssets.templateValue }, "generated": { $0.generated.templateValue },
    ])

    struct Kind: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "kind": { $0.kind.templateValue }, "assets": { $0.assets.templateValue },
        ])
        let kind: String
        let assets: [Row]
    }

    struct Row: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "key": { $0.key.templateValue }, "href": { $0.href.templateValue },
            "versions": { $0.versions.templateValue },
            "fallbackShare": { $0.fallbackShare.templateValue }, "overrides": { $0.overrides.templateValue },
            "stages": { $0.stages.templateValue },
            "globalOnly": { $0.globalOnly.templateValue }, "driftBadge": { $0.driftBadge.templateValue },
        ])
        let key: String
        let href: String
        let versions: String
        let fallbackShare: String
        let overrides: Int
        let stages: String
        let globalOnly: Int
        let driftBadge: String
    }

    let summary: String
    let home: String
    let kinds: [Kind]
    let hasAssets: Bool
    let generated: String?

    init(_ catalog: AssetCatalog, drifting: Set<String>, traces: Int, generated: String?, pageExtension: String) {
        let assets = catalog.sorted
        summary =
            "\(TextFormat.count(assets.count, "asset key")) in \(TextFormat.count(traces, "trace")); \(TextFormat.count(drifting.count, "key")) with version drift."
        home = "../" + IndexPageModel.pageName(1) + "." + pageExtension
        hasAssets = !assets.isEmpty
        self.generated = generated
        var groups: [(kind: String, rows: [Row])] = []
        for asset in assets {
            let row = Row(
                key: TextFormat.cut(asset.key),
                href: String(AssetPagePath.page(for: asset.key).dropFirst("assets/".count)) + "." + pageExtension,
                versions: asset.displays.map { "\(TextFormat.cut($0.display, limit: 80)) (\($0.traces.count))" }.joined(
                    separator: ", "),
                fallbackShare: asset.fallbacks.count == 0
                    ? "—"
                    : "\(asset.fallbacks.count) of \(asset.traces) (\(TextFormat.percent(asset.fallbacks.count, of: asset.traces)))",
                overrides: asset.overrides.count,
                stages: asset.stages.isEmpty
                    ? "—" : asset.stages.map { TextFormat.cut($0.name, limit: 60) }.joined(separator: ", "),
                globalOnly: asset.globalOnly.count, driftBadge: drifting.contains(asset.key) ? Badge.drift : "")
            // Appended in place: rebuilding the group's array per row was quadratic for 100,000 keys of one kind.
            if groups.last?.kind == asset.kind {
                groups[groups.count - 1].rows.append(row)
            } else {
                groups.append((asset.kind, [row]))
            }
        }
        kinds = groups.map { Kind(kind: TextFormat.cut($0.kind), assets: $0.rows) }
    }
}
