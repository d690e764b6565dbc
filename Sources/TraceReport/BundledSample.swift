import Foundation

/// The sample compiled into the binary: the 20-query pipeline spec. With no
/// input, `build`, `check` and `render` re-run it in both orderings and read
/// the legacy run as the baseline ("before") and the scoped run as "after".
public enum BundledSample {
    /// How the spec is named in messages and trace sources.
    public static let specName = "sample/pipeline.json"

    /// The bundled spec.
    public static func spec() throws(SpecError) -> PipelineSpec {
        try PipelineSpecLoader.load(Data(PackageResources.pipeline_json), file: specName)
    }

    /// The bundled spec's text, for `rerun --print-sample-spec`-style uses and tests.
    public static var specText: String { String(decoding: PackageResources.pipeline_json, as: UTF8.self) }

    /// The sample re-run: the scoped traces as current input, the legacy ones as baseline.
    public static func inputs(jobs: Int) async throws(SpecError) -> (current: [TraceInput], baseline: [TraceInput]) {
        let runs = await PipelineRunner(spec: try spec(), jobs: jobs).runAsInputs(
            [.legacy, .scoped], source: "sample/rerun")
        return ([runs[.scoped]!], [runs[.legacy]!])
    }
}
