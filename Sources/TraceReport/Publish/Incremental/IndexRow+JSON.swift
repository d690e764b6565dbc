import Foundation

/// Index rows are kept in the build manifest and the row spool, so an incremental
/// build can write the index without reading unchanged traces again; they are
/// written with `JSONTextWriter` (no tree of values, unlike Foundation's JSONEncoder) and
/// read back with our own parser (`init(manifest:)`).
extension IndexRow {
    /// The stored names of the fields.
    private enum Field: String {
        case traceID, question, route, status, page, stageNames, stageCoverage, assetCount, errors, warnings, infos,
            findingKinds
        case stageAssetsMissing, baselineStageAssetsMissing, beforeAfter, assets, expectedMissing, ranNoStage
    }

    /// The row as stored (compact, keys sorted): every field, `beforeAfter` only when the build compares.
    var json: String {
        var w = JSONTextWriter()
        w.object { w in
            w.key(Field.assetCount.rawValue)
            w.int(assetCount)
            // Each use as [stage or null, key, display, version or null, flags: 1 fallback + 2 override]: small rows.
            w.key(Field.assets.rawValue)
            w.array { w in
                for use in assets {
                    w.array { w in
                        w.string(use.stage)
                        w.string(use.key)
                        w.string(use.display)
                        w.string(use.version)
                        w.int((use.isFallback ? 1 : 0) + (use.isOverride ? 2 : 0))
                    }
                }
            }
            w.key(Field.baselineStageAssetsMissing.rawValue)
            w.bool(baselineStageAssetsMissing)
            if let beforeAfter {
                w.key(Field.beforeAfter.rawValue)
                w.string(beforeAfter)
            }
            w.key(Field.errors.rawValue)
            w.int(errors)
            w.key(Field.expectedMissing.rawValue)
            w.array { w in for kind in expectedMissing { w.string(kind) } }
            w.key(Field.findingKinds.rawValue)
            w.object { w in
                for kind in findingKinds.keys.sorted() {
                    w.key(kind)
                    w.int(findingKinds[kind]!)
                }
            }
            w.key(Field.infos.rawValue)
            w.int(infos)
            for (key, value) in [(Field.page, page), (.question, question)] {
                w.key(key.rawValue)
                w.string(value)
            }
            w.key(Field.ranNoStage.rawValue)
            w.bool(ranNoStage)
            w.key(Field.route.rawValue)
            w.string(route)
            w.key(Field.stageAssetsMissing.rawValue)
            w.bool(stageAssetsMissing)
            w.key(Field.stageCoverage.rawValue)
            w.array { w in for stage in stages { w.string(stage.coverage.rawValue) } }
            w.key(Field.stageNames.rawValue)
            w.array { w in for stage in stages { w.string(stage.name) } }
            w.key(Field.status.rawValue)
            w.string(status)
            w.key(Field.traceID.rawValue)
            w.string(traceID)
            w.key(Field.warnings.rawValue)
            w.int(warnings)
        }
        return w.text
    }

    /// A row read back from its stored JSON.
    static func parse(_ json: String) throws -> IndexRow {
        try IndexRow(manifest: JSONDocumentParser.parse(Data(json.utf8)))
    }

    /// A row read back from the manifest with our own JSON parser.
    init(manifest value: JSONValue) throws {
        let r = try JSONObjectReader(value, at: .root)
        func string(_ key: Field) throws -> String {
            guard let v = try r.string(key.rawValue) else {
                throw TraceFieldError(path: .root.key(key.rawValue), reason: "missing")
            }
            return v
        }
        func int(_ key: Field) throws -> Int { Int(try r.number(key.rawValue) ?? 0) }
        func bool(_ key: Field) -> Bool { r.value(key.rawValue) == .bool(true) }
        let names = try r.strings(Field.stageNames.rawValue) ?? []
        let coverage = try r.strings(Field.stageCoverage.rawValue) ?? []
        var assets: [AssetUse] = []
        for item in try r.array(Field.assets.rawValue) ?? [] {
            guard case .array(let f) = item, f.count == 5, case .string(let key) = f[1],
                case .string(let display) = f[2], case .int(let flags) = f[4]
            else {
                throw TraceFieldError(path: .root.key(Field.assets.rawValue), reason: "not an asset use")
            }
            let text = { (v: JSONValue) -> String? in if case .string(let s) = v { s } else { nil } }
            assets.append(
                AssetUse(
                    stage: text(f[0]), key: key, display: display, version: text(f[3]), isFallback: flags & 1 != 0,
                    isOverride: flags & 2 != 0))
        }
        var kinds: [String: Int] = [:]
        if let k = try r.object(Field.findingKinds.rawValue) {
            for key in k.sortedKeys { kinds[key] = Int(try k.number(key) ?? 0) }
        }
        var row = IndexRow(
            traceID: try string(.traceID), question: try string(.question), route: try string(.route),
            status: try string(.status),
            page: try string(.page), stages: zip(names, coverage).map { ($0, StageCoverage(rawValue: $1) ?? .missing) },
            assetCount: try int(.assetCount), errors: try int(.errors), warnings: try int(.warnings),
            infos: try int(.infos), findingKinds: kinds,
            stageAssetsMissing: bool(.stageAssetsMissing),
            baselineStageAssetsMissing: bool(.baselineStageAssetsMissing),
            beforeAfter: try r.string(Field.beforeAfter.rawValue), assets: assets,
            expectedMissing: try r.strings(Field.expectedMissing.rawValue) ?? [])
        row.ranNoStage = bool(.ranNoStage)
        self = row
    }
}
