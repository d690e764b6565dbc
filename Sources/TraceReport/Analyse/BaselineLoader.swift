/// Reads the baseline traces ("before") into an index for pairing: the one
/// part of a build held in memory, reduced to what a comparison needs.
public enum BaselineLoader {
    /// The index of every baseline trace, and the baseline inputs' errors.
    public static func load(_ inputs: [TraceInput]) -> (BaselineIndex, [InputError]) {
        var index = BaselineIndex()
        var errors: [InputError] = []
        TraceLoader().load(inputs) { result in
            switch result {
            case .trace(let loaded): index.add(BaselineTrace(TraceAnalyser.analyse(loaded)))
            case .failure(let error): errors.append(InputError(source: error.source, path: error.path, reason: "(baseline) " + error.reason))
            }
        }
        return (index, errors)
    }
}
