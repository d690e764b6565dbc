import Foundation

/// The batch's steps of a build, once every trace is in: the history, the index and the asset pages.
extension SiteBuild {
    /// The site's history with this build appended.
    func history(batchFindings: [Finding]) -> BuildHistory {
        var history = BuildHistory.load(
            output: last.isOwn(BuildHistory.fileName) ? site.output : nil, seed: options.historySeed,
            notes: options.notes)
        let tally = totals.tally
        var entry = HistoryEntry(
            build: 0, time: options.historyTime, input: TraceInput.describe(options.inputs, baseline: options.baseline),
            traces: tally.traces,
            stagesCaptured: tally.captured, stagesEmpty: tally.empty, stagesMissing: tally.missing,
            tracesFailing: totals.tracesFailing,
            stageAssetsMissing: tally.broken,
            fallbackShare: totals.assetUses == 0
                ? 0 : (Double(totals.fallbackUses) / Double(totals.assetUses) * 10_000).rounded() / 10_000,
            overrides: totals.overrideUses, drift: batchFindings.filter { $0.kind == .versionDrift }.count)
        entry.stagesInferred = tally.inferred
        entry.tracesNoStages = tally.noStages
        // A trend across builds of other inputs compares unlike things: it starts over, saying why.
        if let last = history.entries.last, last.input != entry.input {
            options.notes(
                "note: \(site.output): the history starts over: the last build read \(last.input), this one reads \(entry.input)"
            )
            history = BuildHistory()
        }
        history.append(entry, limit: options.historyLimit)
        return history
    }

    /// The index pages, rendered `jobs` at a time (one after another they were a serial tail of the build).
    /// A later page whose digest is the last build's is taken over as it is.
    func writeIndexPages(history: BuildHistory, batchFindings: [Finding]) throws {
        let indexPages = rows.pageCount
        var pending: [(number: Int, rows: [ArraySlice<UInt8>])] = []
        let tally = totals.tally
        let inputErrors = errors
        let unpaired = unpaired
        let lastDigests = previous?.indexPages ?? []
        let last = last
        let renderer = rendering.renderer
        let files = files
        let jobs = options.jobs
        func write() throws {
            _ = try ParallelWork.map(pending, jobs: jobs) { item in
                let page = try renderer.indexPage(
                    item.number, of: indexPages,
                    rows: try item.rows.map { row in
                        IndexRow(try row.withUnsafeBufferPointer { try TraceDigest.parse($0, assets: false) })
                    }[...],
                    tally: tally, errors: inputErrors, unpaired: unpaired, batchFindings: batchFindings,
                    history: history)
                try files.write(page.name + ".md", page.markdown)
                try files.write(page.name + ".html", page.html)
            }
            pending.removeAll()
        }
        for number in 1...indexPages {
            let digest = IndexPageModel.digest(
                page: number, of: indexPages, rowsHash: rows.rowsHash(page: number), tally: tally,
                comparing: unpaired != nil)
            indexDigests.append(digest)
            let name = IndexPageModel.pageName(number)
            if !digest.isEmpty, lastDigests.count >= number, lastDigests[number - 1] == digest,
                last.areOwn([name + ".md", name + ".html"])
            {
                files.link([name + ".md", name + ".html"])
                continue
            }
            pending.append((number, try rows.rows(page: number)))
            if pending.count == jobs { try write() }
        }
        try write()
    }

    /// The golden queries' pages, when the inputs hold golden tables.
    func writeGoldenPages(_ reports: [GoldenQueryReport]) throws {
        for page in try rendering.renderer.goldenPages(reports) {
            try files.write(page.path + ".md", page.markdown)
            try files.write(page.path + ".html", page.html)
        }
    }

    /// The asset index and two pages per asset key (its page, its traces page), `jobs` at a time. A page whose inputs' digest is the
    /// last build's is taken over as it is; the index (counts over every trace) is rendered anew.
    func writeAssetPages(batchFindings findings: [Finding]) throws {
        let renderer = rendering.renderer
        let files = files
        let last = last
        let site = site
        let index = try renderer.assetIndex(catalog, findings: findings, traces: totals.traces)
        try files.write(AssetPagePath.index + ".md", index.markdown)
        try files.write(AssetPagePath.index + ".html", index.html)
        let byKey = Dictionary(grouping: findings, by: { $0.asset ?? "" })
        let registry = options.registry
        let lastDigests = previous?.assetPages ?? [:]
        // Each asset has two pages: its own (counts, findings, versions) and its traces page (lists), which
        // a build that only adds traces to full lists takes over.
        let digests = try ParallelWork.map(catalog.sorted, jobs: options.jobs) { asset -> [(String, String)] in
            let assetFindings = byKey[asset.key] ?? []
            let pages: [(path: String, digest: String, render: () throws -> (markdown: String, html: String))] = [
                (
                    AssetPagePath.page(for: asset.key),
                    AssetPageDigest.of(asset, findings: assetFindings, registry: registry, golden: renderer.golden),
                    { try renderer.assetPage(asset, findings: assetFindings, registry: registry) }
                ),
                (
                    AssetPagePath.traces(for: asset.key), AssetPageDigest.traces(of: asset),
                    { try renderer.assetTracesPage(asset) }
                ),
            ]
            for (path, digest, render) in pages {
                if lastDigests[path] == digest, last.areOwn([path + ".md", path + ".html"]) {
                    // A link, unlike a write, does not create its folder.
                    try site.makeFolder((path as NSString).deletingLastPathComponent)
                    files.link([path + ".md", path + ".html"])
                    continue
                }
                let page = try render()
                try files.write(path + ".md", page.markdown)
                try files.write(path + ".html", page.html)
            }
            return pages.map { ($0.path, $0.digest) }
        }.flatMap { $0 }
        assetDigests = Dictionary(digests, uniquingKeysWith: { first, _ in first })
    }
}
