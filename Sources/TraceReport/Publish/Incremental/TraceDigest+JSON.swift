import Foundation

/// Digests are kept in the build manifest and the row spool, so an incremental build
/// can write the index and the batch pages without reading unchanged traces again;
/// they are written with `JSONTextWriter` (no tree of values, unlike Foundation's
/// JSONEncoder) and read back with our own parser (`init(stored:)`).
extension TraceDigest {
    /// The stored names of the fields.
    private enum Field: String {
        case traceID, question, route, status, name, stageNames, stageCoverage, assetCount, errors, warnings, infos
        case findingKinds, pairing, assets, expectedMissing, ranNoStage, goldenQueryID
    }

    /// The digest as stored (compact, keys sorted): every field, `pairing` only when the build compares.
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
            if let goldenQueryID {
                w.key(Field.goldenQueryID.rawValue)
                w.string(goldenQueryID)
            }
            w.key(Field.infos.rawValue)
            w.int(infos)
            w.key(Field.name.rawValue)
            w.string(name)
            // [captured before, stages before, captured after, stages after, baseline had the bug] or "unpaired".
            switch pairing {
            case nil: break
            case .unpaired?:
                w.key(Field.pairing.rawValue)
                w.string("unpaired")
            case .paired(let before, let after, let baselineBroken)?:
                w.key(Field.pairing.rawValue)
                w.array { w in
                    for n in [before.captured, before.stages, after.captured, after.stages] { w.int(n) }
                    w.bool(baselineBroken)
                }
            }
            w.key(Field.question.rawValue)
            w.string(question)
            w.key(Field.ranNoStage.rawValue)
            w.bool(ranNoStage)
            w.key(Field.route.rawValue)
            w.string(route)
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

    /// A digest read back from its stored JSON.
    static func parse(_ json: String) throws -> TraceDigest {
        try TraceDigest(stored: JSONDocumentParser.parse(Data(json.utf8)))
    }

    /// A digest read back from the manifest or the spool with our own JSON parser.
    init(stored value: JSONValue) throws {
        let r = try JSONObjectReader(value, at: .root)
        func int(_ key: Field) throws -> Int { Int(try r.number(key.rawValue) ?? 0) }
        func text(_ v: JSONValue) -> String? { if case .string(let s) = v { s } else { nil } }
        guard let traceID = try r.string(Field.traceID.rawValue) else {
            throw TraceFieldError(path: .root.key(Field.traceID.rawValue), reason: "missing")
        }
        let names = try r.strings(Field.stageNames.rawValue) ?? []
        let coverage = try r.strings(Field.stageCoverage.rawValue) ?? []
        var assets: [AssetUse] = []
        for item in try r.array(Field.assets.rawValue) ?? [] {
            guard case .array(let f) = item, f.count == 5, let key = text(f[1]), let display = text(f[2]),
                case .int(let flags) = f[4]
            else {
                throw TraceFieldError(path: .root.key(Field.assets.rawValue), reason: "not an asset use")
            }
            assets.append(
                AssetUse(
                    stage: text(f[0]), key: key, display: display, version: text(f[3]), isFallback: flags & 1 != 0,
                    isOverride: flags & 2 != 0))
        }
        var kinds: [String: Int] = [:]
        if let k = try r.object(Field.findingKinds.rawValue) {
            for key in k.sortedKeys { kinds[key] = Int(try k.number(key) ?? 0) }
        }
        var pairing: Pairing?
        switch r.value(Field.pairing.rawValue) {
        case .string("unpaired")?: pairing = .unpaired
        case .array(let f)? where f.count == 5:
            let n = f.prefix(4).map { if case .int(let i) = $0 { Int(i) } else { 0 } }
            pairing = .paired(
                before: StageCount(captured: n[0], stages: n[1]), after: StageCount(captured: n[2], stages: n[3]),
                baselineStageAssetsMissing: f[4] == .bool(true))
        default: pairing = nil
        }
        self.init(
            traceID: traceID, question: try r.string(Field.question.rawValue),
            route: try r.string(Field.route.rawValue), status: try r.string(Field.status.rawValue),
            name: try r.string(Field.name.rawValue) ?? "",
            stages: zip(names, coverage).map { Stage(name: $0, coverage: StageCoverage(rawValue: $1) ?? .missing) },
            ranNoStage: r.value(Field.ranNoStage.rawValue) == .bool(true), assetCount: try int(.assetCount),
            errors: try int(.errors), warnings: try int(.warnings), infos: try int(.infos), findingKinds: kinds,
            pairing: pairing, assets: assets, expectedMissing: try r.strings(Field.expectedMissing.rawValue) ?? [],
            goldenQueryID: try r.string(Field.goldenQueryID.rawValue))
    }
}
