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
        var json = json
        return try json.withUTF8 { try parse($0) }
    }

    /// A digest read back from its stored bytes, member by member (`JSONParser.pull`): no tree of values,
    /// which made reading the last build's digests a quarter of an incremental build. Without `assets`,
    /// its asset uses are checked but not kept (an index row shows only their count): reading them was most
    /// of reading an index page's rows.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, assets: Bool = true) throws -> TraceDigest {
        do throws(JSONParser.Failure) {
            return try JSONParser.pull(bytes) { p throws(JSONParser.Failure) in try read(&p, assets: assets) }
        } catch {
            throw TraceFieldError(path: .root, reason: "not a stored digest at byte \(error.offset): \(error.reason)")
        }
    }

    private static func read(_ p: inout JSONParser, assets keepAssets: Bool) throws(JSONParser.Failure) -> TraceDigest {
        var traceID: String?
        var question: String?
        var route: String?
        var status: String?
        var name = ""
        var names: [String] = []
        var coverage: [String] = []
        var ranNoStage = false
        var counts = (assets: 0, errors: 0, warnings: 0, infos: 0)
        var kinds: [String: Int] = [:]
        var pairing: Pairing?
        var assets: [AssetUse] = []
        var expectedMissing: [String] = []
        var goldenQueryID: String?
        try p.enterObject()
        var first = true
        while let key = try p.nextMember(&first) {
            switch Field(rawValue: key) {
            case .traceID?: traceID = try p.readString()
            case .question?: question = try p.readOptionalString()
            case .route?: route = try p.readOptionalString()
            case .status?: status = try p.readOptionalString()
            case .name?: name = try p.readString()
            case .stageNames?: names = try p.readStrings()
            case .stageCoverage?: coverage = try p.readStrings()
            case .ranNoStage?: ranNoStage = try p.readBool()
            case .assetCount?: counts.assets = try p.readInt()
            case .errors?: counts.errors = try p.readInt()
            case .warnings?: counts.warnings = try p.readInt()
            case .infos?: counts.infos = try p.readInt()
            case .expectedMissing?: expectedMissing = try p.readStrings()
            case .goldenQueryID?: goldenQueryID = try p.readOptionalString()
            case .findingKinds?:
                try p.enterObject()
                var firstKind = true
                while let kind = try p.nextMember(&firstKind) { kinds[kind] = try p.readInt() }
            case .assets? where !keepAssets: try p.skipValue()
            case .assets?:
                try p.enterArray()
                var firstUse = true
                while try p.nextElement(&firstUse) { assets.append(try readUse(&p)) }
            case .pairing?: pairing = try readPairing(&p)
            case nil: try p.skipValue()
            }
        }
        guard let traceID else { throw p.fail("the digest has no traceID") }
        return TraceDigest(
            traceID: traceID, question: question, route: route, status: status, name: name,
            stages: zip(names, coverage).map { Stage(name: $0, coverage: StageCoverage(rawValue: $1) ?? .missing) },
            ranNoStage: ranNoStage, assetCount: counts.assets, errors: counts.errors, warnings: counts.warnings,
            infos: counts.infos, findingKinds: kinds, pairing: pairing, assets: assets,
            expectedMissing: expectedMissing, goldenQueryID: goldenQueryID)
    }

    /// `[stage or null, key, display, version or null, flags]`.
    private static func readUse(_ p: inout JSONParser) throws(JSONParser.Failure) -> AssetUse {
        var first = true
        func next(_ p: inout JSONParser) throws(JSONParser.Failure) {
            guard try p.nextElement(&first) else { throw p.fail("an asset use has five members") }
        }
        try p.enterArray()
        try next(&p)
        let stage = try p.readOptionalString()
        try next(&p)
        let key = try p.readString()
        try next(&p)
        let display = try p.readString()
        try next(&p)
        let version = try p.readOptionalString()
        try next(&p)
        let flags = try p.readInt()
        guard try !p.nextElement(&first) else { throw p.fail("an asset use has five members") }
        return AssetUse(
            stage: stage, key: key, display: display, version: version, isFallback: flags & 1 != 0,
            isOverride: flags & 2 != 0)
    }

    /// `"unpaired"`, or `[captured before, stages before, captured after, stages after, baseline had the bug]`.
    private static func readPairing(_ p: inout JSONParser) throws(JSONParser.Failure) -> Pairing? {
        if p.position < p.bytes.count, p.bytes[p.position] == UInt8(ascii: "\"") {
            return try p.readString() == "unpaired" ? .unpaired : nil
        }
        var n: [Int] = []
        var broken = false
        try p.enterArray()
        var first = true
        while try p.nextElement(&first) {
            if n.count < 4 { n.append(try p.readInt()) } else { broken = try p.readBool() }
        }
        guard n.count == 4 else { throw p.fail("a pairing has five members") }
        return .paired(
            before: StageCount(captured: n[0], stages: n[1]), after: StageCount(captured: n[2], stages: n[3]),
            baselineStageAssetsMissing: broken)
    }
}
