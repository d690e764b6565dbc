import Foundation
import Testing

@testable import TraceReport

/// Small constructors that keep the tests about behaviour, not set-up.
func registryInfo(_ name: String, _ version: AssetVersion? = .int(1), id: String? = nil) -> AssetInfo {
    AssetInfo(assetID: id, name: name, version: version, source: .named(AssetSource.registry))
}

func stage(_ name: String, _ assets: [String: String]?) -> StageInput {
    StageInput(
        stage: name,
        appliedAssets: assets.map { $0.sorted { $0.key < $1.key }.map { ($0.key, AssetValue.display($0.value)) } })
}

func analyse(_ trace: Trace, source: String = "test.json") -> TraceAnalysis {
    TraceAnalyser.analyse(LoadedTrace(trace: trace, source: source))
}

func decode(_ json: String) throws -> Trace {
    let value = try JSONDocumentParser.parse(Data(json.utf8))
    return try TraceDecoder.decode(value)
}

extension TraceLoader {
    /// Every trace and error of file or in-memory inputs, in order. Only a database throws;
    /// a throw here is recorded as a failure of the test.
    func results(_ inputs: [TraceInput]) -> [TraceLoadResult] {
        var results: [TraceLoadResult] = []
        do { try load(inputs) { results.append($0) } } catch { Issue.record("file inputs threw \(error)") }
        return results
    }
}
