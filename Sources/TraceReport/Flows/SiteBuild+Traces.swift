import Foundation

/// The per-trace steps of a build, over one batch of input units.
extension SiteBuild {
    /// Every trace of the inputs, a batch of units at a time, in input order. A table read alone resumes
    /// from the last build's watermark (`readTable`).
    func addTraces(progress: ((Int) -> Void)?) throws {
        var batch: [LoadUnit] = []
        var loader = TraceLoader(notes: options.notes)
        // A baseline pairs traces across files, and golden tables need traces read: with either, every file is read.
        if options.baseline.isEmpty, golden == nil {
            // Unowned: the build holds the reuser, which would otherwise keep the build (and its open files) alive.
            fileReuser = FileReuser(build: self, reusing: previous != nil && !options.fullRead) { [unowned self] in
                try self.add(batch)
                batch.removeAll(keepingCapacity: true)
            }
            loader.reuse = fileReuser
        }
        let take = { (unit: LoadUnit) throws in
            self.fileReuser?.take()
            batch.append(unit)
            if batch.count == Self.batchSize {
                try self.add(batch)
                progress?(self.listed)
                batch.removeAll(keepingCapacity: true)
            }
        }
        do {
            if let table = resumableTable {
                try readTable(table, take)
            } else {
                try loader.units(options.inputs, take)
            }
            try add(batch)
        } catch {
            // Nothing goes on writing into the staging folder while the failure is handled.
            try? recorder.finish()
            summary.drain()
            manifest.drain()
            throw error
        }
        try recorder.finish()
        (totals, catalog) = (recorder.totals, recorder.catalog)
        progress?(totals.traces)
        totals.inputErrors = errors.count
        for note in goldenNotes { options.notes(note) }
    }

    /// Hash, then decode, analyse and render what changed, in parallel: a unit whose bytes the last
    /// build saw is taken from its manifest.
    func prepare(_ units: [LoadUnit]) throws -> [ReportPipeline.Prepared] {
        let previous = previous
        let last = last
        let rendering = rendering
        let fromSpare = fromSpare
        let recorder = recorder
        let keys = try ParallelWork.map(units, jobs: options.jobs) { unit in
            unit.identity.map { BuildManifest.key(source: $0.source, bytes: $0.bytes) }
        }
        let lines = previous?.lines(keys) ?? []
        return try ParallelWork.map(Array(zip(units, keys).enumerated()), jobs: options.jobs) {
            position, item -> ReportPipeline.Prepared in
            let (unit, key) = item
            // A trace a golden run names is read again: the golden section needs more than the manifest keeps.
            // Digests are read where they are needed: by the golden check here, else only by the recorder when
            // the unit's group changed.
            if let key, let previous, let traces = previous.unit(line: lines[position], digests: rendering.hasGolden),
                !traces.contains(where: {
                    rendering.goldenIDs.contains($0.trace.traceID)
                        || (rendering.hasGolden && $0.trace.digest?.goldenQueryID != nil)
                }),
                // Started from the spare site, the pages are in the staging folder already.
                fromSpare
                    || last.areOwn(
                        traces.flatMap {
                            [PageNamer.tracePage($0.trace.name) + ".md", PageNamer.tracePage($0.trace.name) + ".html"]
                        })
            {
                recorder.readGroup(startingWith: key)
                return .cached(key: key, traces: traces, unit: unit)
            }
            return .fresh(key: key, results: try rendering.render(unit), unit: unit)
        }
    }

    /// A unit ready to write: its key, whether its line goes into the manifest, and its traces.
    typealias ReadyUnit = (key: String?, cacheable: Bool, traces: [ReportPipeline.Ready])

    /// Where the next trace goes: placed in input order, as a full build places it.
    func place(_ traceID: String) throws(PublishError) -> TracePlacement {
        let (name, occurrence) = try namer.place(traceID)
        defer { listed += 1 }
        return TracePlacement(
            name: name, occurrence: occurrence, indexPage: listed / IndexPageModel.rowsPerPage + 1)
    }

    /// Places pages and pairs baselines in input order: a page's name, its title and its link back
    /// depend on the traces before it.
    func nameAndPair(_ prepared: [ReportPipeline.Prepared]) throws -> [ReadyUnit] {
        var ready: [ReadyUnit] = []
        for item in prepared {
            var results: [Result<ReportPipeline.Rendered, InputError>]
            var key: String?
            switch item {
            case .cached(let k, let cached, let unit):
                // The same bytes give the same trace ids, so these are the places a full build gives.
                let placements = try cached.map { try place($0.trace.traceID) }
                if placements == cached.map(\.trace.placement) {
                    for trace in cached.map(\.trace) {
                        if let position = trace.baseline { baseline.markPaired(position) }
                        if comparing && trace.baseline == nil {
                            unpairedCurrent.append(UnpairedTrace(traceID: trace.traceID, source: trace.source))
                        }
                    }
                    ready.append((k, true, cached.map(ReportPipeline.Ready.cached)))
                    if !fromSpare {
                        files.link(
                            cached.flatMap {
                                [
                                    PageNamer.tracePage($0.trace.name) + ".md",
                                    PageNamer.tracePage($0.trace.name) + ".html",
                                ]
                            })
                    }
                    reused += cached.count
                    continue
                }
                // Earlier traces changed where these stand: render the unit again in its new places.
                guard let unit = try unit ?? fileReuser?.unit(for: cached, key: k) else {
                    // Rows before a watermark stand where they stood: nothing before them changed.
                    throw PublishError(
                        path: site.output,
                        reason:
                            "the last build's manifest does not match its pages (\(cached.first?.trace.source ?? "")): build again with --full"
                    )
                }
                key = k
                results = try rendering.render(unit, placements: placements)
            case .fresh(let k, let r, let unit):
                (key, results) = (k, r)
                let placements = try results.compactMap { try? $0.get().traceID }.map(place)
                // A trace whose id came before is titled as such: rendered again, which is rare.
                if placements.contains(where: { $0.occurrence > 1 }) {
                    results = try rendering.render(unit, placements: placements)
                } else {
                    var pending = placements[...]
                    results = results.map {
                        $0.map {
                            var r = $0
                            r.placement = pending.popFirst()
                            return r
                        }
                    }
                }
            }
            var traces: [ReportPipeline.Ready] = []
            var cacheable = true
            for result in results {
                switch result {
                case .failure(let error):
                    errors.append(error)
                    cacheable = false
                case .success(var rendered):
                    rendered.digest.name = rendered.placement?.name ?? ""
                    renderedPages?.append(contentsOf: [rendered.digest.name + ".md", rendered.digest.name + ".html"])
                    if (renderedPages?.count ?? 0) > SpareSite.maxDiffering { renderedPages = nil }
                    rendered.summary.page = PageNamer.tracePage(rendered.digest.name) + ".html"
                    if var golden = rendered.golden, goldenTraces[golden.traceID] == nil {
                        golden.name = rendered.digest.name
                        goldenTraces[golden.traceID] = golden
                    }
                    if let position = rendered.baselinePosition { baseline.markPaired(position) }
                    if comparing && rendered.baselinePosition == nil {
                        unpairedCurrent.append(UnpairedTrace(traceID: rendered.traceID, source: rendered.source))
                    }
                    traces.append(.fresh(rendered))
                }
            }
            ready.append((key, cacheable, traces))
        }
        return ready
    }

    /// Queues new pages (the last build's are linked by the queue) and encodes summary entries in parallel:
    /// encoding on the coordinating thread held the second core idle. Only new traces go to the workers:
    /// a trace taken over needs no work, and handing a batch of them out and back was a tenth of the
    /// coordinating thread's time in a build that changed one trace.
    func writePages(_ ready: [ReadyUnit]) throws -> [BuildManifest.CachedTrace] {
        let files = files
        var written: [BuildManifest.CachedTrace?] = []
        var fresh: [(position: Int, trace: ReportPipeline.Rendered)] = []
        for unit in ready {
            for item in unit.traces {
                switch item {
                case .fresh(let rendered):
                    fresh.append((written.count, rendered))
                    written.append(nil)
                case .cached(let cached):
                    var trace = cached.trace
                    trace.previousSummary = cached.summaryRange
                    written.append(trace)
                }
            }
        }
        let made = try ParallelWork.map(fresh, jobs: options.jobs) {
            item -> BuildManifest.CachedTrace in
            let rendered = item.trace
            let page = PageNamer.tracePage(rendered.digest.name)
            let placement = rendered.placement!  // every rendered trace is placed by `nameAndPair`
            try files.write(page + ".md", rendered.markdown)
            try files.write(
                page + ".html",
                bytes: PageRenderer.placingHome(rendered.html, indexPage: placement.indexPage) ?? rendered.html)
            return BuildManifest.CachedTrace(
                traceID: rendered.traceID, source: rendered.source, name: rendered.digest.name,
                digest: rendered.digest,
                digestJSON: ArraySlice(rendered.digest.json.utf8), summary: rendered.summary.json,
                baseline: rendered.baselinePosition, occurrence: placement.occurrence,
                indexPage: placement.indexPage)
        }
        for (item, trace) in zip(fresh, made) { written[item.position] = trace }
        return written.map { $0! }  // every position is filled: cached ones above, fresh ones here
    }

    /// Hands the batch to the recorder (summary, manifest, spool, aggregates; in input order, on its thread).
    func record(_ ready: [ReadyUnit], _ written: [BuildManifest.CachedTrace]) throws {
        try recorder.record(
            ready.map { unit in
                TraceRecorder.Unit(
                    key: unit.key, cacheable: unit.cacheable,
                    previous: unit.traces.compactMap { if case .cached(let p) = $0 { p } else { nil } },
                    count: unit.traces.count)
            }, written)
    }
}
