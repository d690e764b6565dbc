/// Reads the baseline traces ("before") into an index for pairing: the one
/// part of a build held in memory, reduced to what a comparison needs.
public enum BaselineLoader {
    /// The index of every baseline trace, and the baseline inputs' errors.
    public static func load(_ inputs: [TraceInput], loader: TraceLoader = TraceLoader()) throws -> (
        BaselineIndex, [InputError]
    ) {
        let (index, errors, _) = try loadWithDigest(inputs, loader: loader)
        return (index, errors)
    }

    /// The same, with a digest of every byte read: a build compared with other baselines is another build.
    static func loadWithDigest(_ inputs: [TraceInput], loader: TraceLoader) throws -> (
        BaselineIndex, [InputError], String
    ) {
        var index = BaselineIndex()
        var errors: [InputError] = []
        var digest = ""
        try loader.units(inputs) { unit in
            if let (source, bytes) = unit.identity {
                digest = StableHash.hex(digest + BuildManifest.key(source: source, bytes: bytes))
            }
            for result in unit.decode() {
                switch result {
                case .trace(let loaded): index.add(BaselineTrace(TraceAnalyser.analyse(loaded)))
                case .failure(let error):
                    errors.append(
                        InputError(source: error.source, path: error.path, reason: "(baseline) " + error.reason))
                }
            }
        }
        return (index, errors, digest)
    }
}
