/// Index rows are kept in the build manifest and the row spool, so an incremental
/// build can write the index without reading unchanged traces again; they are
/// read back with our own parser (`init(manifest:)`).
extension IndexRow: Encodable {
    private enum CodingKeys: String, CodingKey {
        case traceID, question, route, status, page, stageNames, stageCoverage, assetCount, errors, warnings, infos, findingKinds
        case stageAssetsMissing, baselineStageAssetsMissing, beforeAfter
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(traceID, forKey: .traceID)
        try c.encode(question, forKey: .question)
        try c.encode(route, forKey: .route)
        try c.encode(status, forKey: .status)
        try c.encode(page, forKey: .page)
        try c.encode(stages.map(\.name), forKey: .stageNames)
        try c.encode(stages.map(\.coverage.rawValue), forKey: .stageCoverage)
        try c.encode(assetCount, forKey: .assetCount)
        try c.encode(errors, forKey: .errors)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(infos, forKey: .infos)
        try c.encode(findingKinds, forKey: .findingKinds)
        try c.encode(stageAssetsMissing, forKey: .stageAssetsMissing)
        try c.encode(baselineStageAssetsMissing, forKey: .baselineStageAssetsMissing)
        try c.encodeIfPresent(beforeAfter, forKey: .beforeAfter)
    }

    /// A row read back from the manifest with our own JSON parser.
    init(manifest value: JSONValue) throws {
        let r = try JSONObjectReader(value, at: .root)
        func string(_ key: CodingKeys) throws -> String {
            guard let v = try r.string(key.rawValue) else { throw TraceFieldError(path: .root.key(key.rawValue), reason: "missing") }
            return v
        }
        func int(_ key: CodingKeys) throws -> Int { Int(try r.number(key.rawValue) ?? 0) }
        func bool(_ key: CodingKeys) -> Bool { r.value(key.rawValue) == .bool(true) }
        let names = try r.strings(CodingKeys.stageNames.rawValue) ?? []
        let coverage = try r.strings(CodingKeys.stageCoverage.rawValue) ?? []
        var kinds: [String: Int] = [:]
        if let k = try r.object(CodingKeys.findingKinds.rawValue) {
            for key in k.sortedKeys { kinds[key] = Int(try k.number(key) ?? 0) }
        }
        self.init(
            traceID: try string(.traceID), question: try string(.question), route: try string(.route), status: try string(.status),
            page: try string(.page), stages: zip(names, coverage).map { ($0, StageCoverage(rawValue: $1) ?? .missing) },
            assetCount: try int(.assetCount), errors: try int(.errors), warnings: try int(.warnings), infos: try int(.infos), findingKinds: kinds,
            stageAssetsMissing: bool(.stageAssetsMissing), baselineStageAssetsMissing: bool(.baselineStageAssetsMissing),
            beforeAfter: try r.string(CodingKeys.beforeAfter.rawValue))
    }
}
